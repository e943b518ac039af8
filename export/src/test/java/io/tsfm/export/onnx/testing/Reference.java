package io.tsfm.export.onnx.testing;

import io.tsfm.export.onnx.TsfmGraphConfig;
import io.tsfm.export.onnx.params.ParameterSource;
import io.tsfm.export.onnx.params.ParameterTensor;

/**
 * An independent plain-Java, double-precision forward pass of the TSFM serving network written from the spec's
 * formulas (§3.2–3.7): one sample at a time, loops over tokens, attention that simply skips masked keys. It shares
 * nothing with the graph builders except the parameter names of the training blocks.
 */
public final class Reference {

    private static final double EPS = 1e-5;

    private final ParameterSource ps;

    /** A reference over the weights in {@code ps}. */
    public Reference(ParameterSource ps) {
        this.ps = ps;
    }

    // ---------------------------------------------------------------- primitives

    /** {@code W·x + b} with {@code W (out, in)} row-major. */
    public static double[] linear(ParameterTensor w, ParameterTensor b, double[] x) {
        int out = (int) w.size(0);
        int in = (int) w.size(1);
        if (x.length != in) {
            throw new IllegalArgumentException("linear expects " + in + " inputs, got " + x.length);
        }
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b == null ? 0 : b.data()[o];
            for (int i = 0; i < in; i++) {
                s += (double) w.data()[o * in + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    /** The Linear layer at {@code path}. */
    public double[] linear(String path, double[] x) {
        return linear(ps.get(path + ".weight"), ps.get(path + ".bias"), x);
    }

    /** The bias-free Linear layer at {@code path}. */
    public double[] linearNoBias(String path, double[] x) {
        return linear(ps.get(path + ".weight"), null, x);
    }

    /** Exact GELU. */
    public static double gelu(double x) {
        return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    /** GELU of every entry. */
    public static double[] gelu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = gelu(x[i]);
        }
        return y;
    }

    /** LayerNorm of one vector with affine weights. */
    public static double[] layerNorm(double[] x, float[] gamma, float[] beta) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + EPS) * gamma[i] + beta[i];
        }
        return y;
    }

    /** The LayerNorm at {@code path}. */
    public double[] layerNorm(String path, double[] x) {
        return layerNorm(x, ps.get(path + ".weight").data(), ps.get(path + ".bias").data());
    }

    /** Zero-padded ("same") 1-D convolution without bias: {@code x (in, L)}, {@code w (out, in, k)}. */
    public static double[][] conv1d(double[][] x, ParameterTensor w) {
        int out = (int) w.size(0);
        int in = (int) w.size(1);
        int k = (int) w.size(2);
        int len = x[0].length;
        double[][] y = new double[out][len];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < len; t++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < k; j++) {
                        int src = t + j - k / 2;
                        if (src >= 0 && src < len) {
                            s += w.data()[(o * in + i) * k + j] * x[i][src];
                        }
                    }
                }
                y[o][t] = s;
            }
        }
        return y;
    }

    /** GroupNorm with one group over {@code x (channels, L)}. */
    public static double[][] groupNorm(double[][] x, float[] gamma, float[] beta) {
        int c = x.length;
        int len = x[0].length;
        double mean = 0;
        for (double[] row : x) {
            for (double v : row) {
                mean += v;
            }
        }
        mean /= (double) c * len;
        double var = 0;
        for (double[] row : x) {
            for (double v : row) {
                var += (v - mean) * (v - mean);
            }
        }
        var /= (double) c * len;
        double[][] y = new double[c][len];
        for (int i = 0; i < c; i++) {
            for (int t = 0; t < len; t++) {
                y[i][t] = (x[i][t] - mean) / Math.sqrt(var + EPS) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    /**
     * Attention core over projected rows: for each query and head, softmax of scaled dot products over the valid keys
     * only (key 0 alone if none is valid), then the weighted sum of values; heads concatenated.
     */
    public static double[][] attention(double[][] q, double[][] k, double[][] v, boolean[] valid, int heads) {
        int d = q[0].length;
        int dh = d / heads;
        boolean anyValid = false;
        for (boolean b : valid) {
            anyValid |= b;
        }
        double[][] out = new double[q.length][d];
        for (int i = 0; i < q.length; i++) {
            for (int h = 0; h < heads; h++) {
                double[] s = new double[k.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k.length; j++) {
                    if (!(anyValid ? valid[j] : j == 0)) {
                        continue;
                    }
                    double dot = 0;
                    for (int e = 0; e < dh; e++) {
                        dot += q[i][h * dh + e] * k[j][h * dh + e];
                    }
                    s[j] = dot / Math.sqrt(dh);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                double[] p = new double[k.length];
                for (int j = 0; j < k.length; j++) {
                    if (anyValid ? valid[j] : j == 0) {
                        p[j] = Math.exp(s[j] - max);
                        z += p[j];
                    }
                }
                for (int j = 0; j < k.length; j++) {
                    if (p[j] == 0) {
                        continue;
                    }
                    for (int e = 0; e < dh; e++) {
                        out[i][h * dh + e] += p[j] / z * v[j][h * dh + e];
                    }
                }
            }
        }
        return out;
    }

    /** Multi-head attention with separate {@code query/key/value/out} layers. */
    public double[][] mhaSeparate(String path, double[][] q, double[][] kv, boolean[] valid, int heads) {
        double[][] qp = map(q, r -> linear(path + ".query", r));
        double[][] kp = map(kv, r -> linear(path + ".key", r));
        double[][] vp = map(kv, r -> linear(path + ".value", r));
        return map(attention(qp, kp, vp, valid, heads), r -> linear(path + ".out", r));
    }

    /** Multi-head attention with the packed PyTorch layout ({@code in_proj_weight (3d, d)}, {@code out_proj}). */
    public double[][] mhaPacked(String path, double[][] q, double[][] kv, boolean[] valid, int heads) {
        ParameterTensor w = ps.get(path + ".in_proj_weight");
        ParameterTensor b = ps.get(path + ".in_proj_bias");
        long d = w.size(1);
        double[][] qp = map(q, r -> linear(w.rows(0, d), b.rows(0, d), r));
        double[][] kp = map(kv, r -> linear(w.rows(d, 2 * d), b.rows(d, 2 * d), r));
        double[][] vp = map(kv, r -> linear(w.rows(2 * d, 3 * d), b.rows(2 * d, 3 * d), r));
        return map(attention(qp, kp, vp, valid, heads), r -> linear(path + ".out_proj", r));
    }

    /** {@code |rfft(x)|} of a 64-point series by the DFT definition (cos/sin evaluated here, not from a table). */
    public static double[] dftMagnitude(double[] x) {
        int n = x.length;
        double[] mag = new double[n / 2 + 1];
        for (int k = 0; k < mag.length; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                re += x[t] * Math.cos(2 * Math.PI * t * k / n);
                im -= x[t] * Math.sin(2 * Math.PI * t * k / n);
            }
            mag[k] = Math.hypot(re, im);
        }
        return mag;
    }

    // ---------------------------------------------------------------- blocks

    /** Conv blocks then the time mean: 64-point series → {@code channels[last]} features. */
    public double[] convStack(String path, double[] series, int nBlocks) {
        double[][] x = {series};
        for (int i = 0; i < nBlocks; i++) {
            String b = path + ".conv" + i;
            x = groupNorm(conv1d(x, ps.get(b + ".weight")), ps.get(b + ".gn.weight").data(),
                    ps.get(b + ".gn.bias").data());
            for (double[] row : x) {
                for (int t = 0; t < row.length; t++) {
                    row[t] = gelu(row[t]);
                }
            }
        }
        double[] mean = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            for (double v : x[c]) {
                mean[c] += v;
            }
            mean[c] /= x[c].length;
        }
        return mean;
    }

    /** Feature of one (patch, channel) series. */
    public double[] feature(TsfmGraphConfig cfg, String path, double[] series) {
        double[] pooled = convStack(path + ".convs", series, cfg.cnnChannels().length);
        if (cfg.extractor() == TsfmGraphConfig.Extractor.CNN) {
            return gelu(linear(path + ".proj", pooled));
        }
        double[] temporal = layerNorm(path + ".temporal_norm", linear(path + ".temporal_proj", pooled));
        double[] spectral = gelu(linear(path + ".spectral_fc1", dftMagnitude(series)));
        spectral = layerNorm(path + ".spectral_norm", linear(path + ".spectral_fc2", spectral));
        double[] out = new double[temporal.length + spectral.length];
        System.arraycopy(temporal, 0, out, 0, temporal.length);
        System.arraycopy(spectral, 0, out, temporal.length, spectral.length);
        return out;
    }

    /** {@code PE[pos, i]} written from the spec: sin for even i, cos for odd i, frequency {@code 10000^(−2⌊i/2⌋/D)}. */
    public static double positional(int pos, int i, int d) {
        double angle = pos / Math.pow(10000.0, (double) (i - i % 2) / d);
        return i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    /** Encoder of one sample: {@code patches[p][t][c]} → tokens {@code [p][c][D]}. */
    public double[][][] encoder(TsfmGraphConfig cfg, double[][][] patches, boolean[] patchMask,
                                boolean[] channelMask) {
        int p = patches.length;
        int c = patches[0][0].length;
        int d = cfg.dModel();
        double[][][] x = new double[p][c][];
        float[] pad = ps.get("encoder.pad_token").data();
        double scale = ps.get("encoder.positional_encoding.scale").data()[0];
        for (int i = 0; i < p; i++) {
            for (int ch = 0; ch < c; ch++) {
                double[] series = new double[patches[i].length];
                for (int t = 0; t < series.length; t++) {
                    series[t] = patches[i][t][ch];
                }
                x[i][ch] = patchMask[i] ? feature(cfg, "encoder.features", series) : toDouble(pad);
                for (int e = 0; e < d; e++) {
                    x[i][ch][e] += scale * positional(i, e, d);
                }
            }
        }
        for (int l = 0; l < cfg.numLayers(); l++) {
            x = dualBranch("encoder.layer" + l, x, patchMask, channelMask, cfg.numHeads(), cfg.crossChannel());
        }
        return x;
    }

    /** One post-norm dual-branch block on tokens {@code [p][c][D]}. */
    public double[][][] dualBranch(String path, double[][][] x, boolean[] patchMask, boolean[] channelMask,
                                   int heads, boolean crossChannel) {
        int p = x.length;
        int c = x[0].length;
        double[][][] y = new double[p][c][];
        for (int ch = 0; ch < c; ch++) {
            double[][] seq = new double[p][];
            for (int i = 0; i < p; i++) {
                seq[i] = x[i][ch];
            }
            double[][] a = mhaSeparate(path + ".temporal_attn", seq, seq, patchMask, heads);
            for (int i = 0; i < p; i++) {
                y[i][ch] = layerNorm(path + ".norm1", add(seq[i], a[i]));
            }
        }
        if (crossChannel) {
            for (int i = 0; i < p; i++) {
                double[][] a = mhaSeparate(path + ".channel_attn", y[i], y[i], channelMask, heads);
                for (int ch = 0; ch < c; ch++) {
                    y[i][ch] = layerNorm(path + ".norm2", add(y[i][ch], a[ch]));
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int ch = 0; ch < c; ch++) {
                double[] f = linear(path + ".ffn2", gelu(linear(path + ".ffn1", y[i][ch])));
                y[i][ch] = layerNorm(path + ".norm3", add(y[i][ch], f));
            }
        }
        return y;
    }

    /** ChannelTextFusion given each channel's text vector {@code ch[c][D]}. */
    public double[][][] channelTextFusion(String path, double[][][] x, double[][] ch) {
        double[][][] y = new double[x.length][x[0].length][];
        for (int c = 0; c < ch.length; c++) {
            double[] gc = linear(path + ".gate_channel", ch[c]);
            for (int i = 0; i < x.length; i++) {
                double[] gs = linearNoBias(path + ".gate_sensor", x[i][c]);
                double[] out = new double[gs.length];
                for (int e = 0; e < out.length; e++) {
                    double g = 1 / (1 + Math.exp(-(gs[e] + gc[e])));
                    out[e] = x[i][c][e] + g * ch[c][e];
                }
                y[i][c] = out;
            }
        }
        return y;
    }

    /** MultiQueryAttention pooling of rows {@code x[L][d]} with key validity. */
    public double[] multiQuery(String path, double[][] x, boolean[] valid, int heads, boolean selfAttention) {
        ParameterTensor qt = ps.get(path + ".queries");
        int q = (int) qt.size(0);
        int d = (int) qt.size(1);
        double[][] q0 = new double[q][d];
        for (int i = 0; i < q; i++) {
            for (int e = 0; e < d; e++) {
                q0[i][e] = qt.data()[i * d + e];
            }
        }
        double[][] a = mhaPacked(path + ".cross_attn", q0, x, valid, heads);
        for (int i = 0; i < q; i++) {
            a[i] = layerNorm(path + ".norm1", add(q0[i], a[i]));
        }
        if (selfAttention) {
            boolean[] all = new boolean[q];
            java.util.Arrays.fill(all, true);
            double[][] s = mhaPacked(path + ".self_attn", a, a, all, heads);
            for (int i = 0; i < q; i++) {
                a[i] = layerNorm(path + ".norm2", add(a[i], s[i]));
            }
        }
        double[] flat = new double[q * d];
        double[] mean = new double[d];
        for (int i = 0; i < q; i++) {
            System.arraycopy(a[i], 0, flat, i * d, d);
            for (int e = 0; e < d; e++) {
                mean[e] += a[i][e] / q;
            }
        }
        return add(linear(path + ".mlp2", gelu(linear(path + ".mlp1", flat))), mean);
    }

    /** ProjectionHead. */
    public double[] projection(String path, double[] x) {
        double[] h = gelu(linear(path + ".fc1", x));
        h = gelu(linear(path + ".fc2", h));
        return linear(path + ".fc3", h);
    }

    /** Pre-norm temporal transformer over rows {@code x[P][d]}. */
    public double[][] temporalAttention(String path, double[][] x, boolean[] valid, int heads, int layers) {
        double[][] y = x;
        for (int l = 0; l < layers; l++) {
            String layer = path + ".layer" + l;
            double[][] h = map(y, r -> layerNorm(layer + ".norm1", r));
            double[][] a = mhaPacked(layer + ".self_attn", h, h, valid, heads);
            double[][] z = new double[y.length][];
            for (int i = 0; i < y.length; i++) {
                z[i] = add(y[i], a[i]);
                double[] f = linear(layer + ".linear2",
                        gelu(linear(layer + ".linear1", layerNorm(layer + ".norm2", z[i]))));
                z[i] = add(z[i], f);
            }
            y = z;
        }
        return y;
    }

    /** {@code x / max(‖x‖, 1e-12)}. */
    public static double[] l2Normalize(double[] x) {
        double n = 0;
        for (double v : x) {
            n += v * v;
        }
        n = Math.max(Math.sqrt(n), 1e-12);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] / n;
        }
        return y;
    }

    /**
     * The whole network for one sample: {@code [P][E]} rows (per-patch) or a single row {@code [1][E]} (pooled).
     *
     * @param ch per-channel text vectors {@code [C][D]} (ignored when the fusion is disabled)
     */
    public double[][] forward(TsfmGraphConfig cfg, double[][][] patches, double[][] ch, boolean[] patchMask,
                              boolean[] channelMask) {
        double[][][] x = encoder(cfg, patches, patchMask, channelMask);
        if (cfg.channelTextFusion()) {
            x = channelTextFusion("channel_text_fusion", x, ch);
        }
        int p = x.length;
        double[][] fused = new double[p][];
        for (int i = 0; i < p; i++) {
            double[][] tokens = map(x[i], r -> linear("head.cross_channel_fusion.proj", r));
            fused[i] = multiQuery("head.cross_channel_fusion.fusion", tokens, channelMask, cfg.numHeads(),
                    cfg.fusionSelfAttention());
        }
        if (cfg.perPatch()) {
            return map(fused, r -> l2Normalize(projection("head.projection", r)));
        }
        double[][] seq = temporalAttention("head.temporal_attention", fused, patchMask, cfg.numHeads(),
                cfg.numHeadTemporalLayers());
        double[] pooled = multiQuery("head.attention_pooling", seq, patchMask, cfg.numHeads(),
                cfg.poolSelfAttention());
        return new double[][] {l2Normalize(projection("head.projection", pooled))};
    }

    // ---------------------------------------------------------------- helpers

    /** Element-wise sum. */
    public static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    /** Applies {@code f} to every row. */
    public static double[][] map(double[][] rows, java.util.function.UnaryOperator<double[]> f) {
        double[][] y = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            y[i] = f.apply(rows[i]);
        }
        return y;
    }

    /** Float to double copy. */
    public static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
