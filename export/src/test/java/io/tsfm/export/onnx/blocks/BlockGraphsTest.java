package io.tsfm.export.onnx.blocks;

import static io.tsfm.export.onnx.testing.Arrays2.maxAbsDiff;
import static io.tsfm.export.onnx.testing.Arrays2.normal;
import static io.tsfm.export.onnx.testing.Arrays2.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.export.onnx.TsfmGraphConfig;
import io.tsfm.export.onnx.graph.Dim;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.MapParameterSource;
import io.tsfm.export.onnx.testing.Ort;
import io.tsfm.export.onnx.testing.RandomWeights;
import io.tsfm.export.onnx.testing.Reference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every block subgraph in ONNX Runtime with random weights against the plain-Java reference of its spec formula,
 * including padded patches and channels.
 */
class BlockGraphsTest {

    private static final double TOL = 1e-5;
    private static final Dim B = Dim.dynamic("B");
    private static final Dim P = Dim.dynamic("P");
    private static final Dim C = Dim.dynamic("C");

    private final Random rng = new Random(2024);

    private static TsfmGraphConfig extractorConfig(TsfmGraphConfig.Extractor e) {
        return TsfmGraphConfig.builder().setDModel(32).setNumHeads(2).setNumLayers(0).setFfnDim(64)
                .setExtractor(e).optCnnChannels(8, 16).setFusedDim(32).setEmbeddingDim(16).setNumFusionQueries(2)
                .setPerPatch(true).build();
    }

    /** {@code flat (B, P, C, D)} sample {@code s} as {@code [P][C][D]}. */
    private static double[][][] tokens(float[] flat, int s, int p, int c, int d) {
        double[][][] t = new double[p][c][d];
        for (int i = 0; i < p; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int e = 0; e < d; e++) {
                    t[i][ch][e] = flat[((s * p + i) * c + ch) * d + e];
                }
            }
        }
        return t;
    }

    private static double[] flatten(double[][][][] samples) {
        int n = 0;
        for (double[][][] s : samples) {
            n += s.length * s[0].length * s[0][0].length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[][][] s : samples) {
            for (double[][] row : s) {
                for (double[] v : row) {
                    System.arraycopy(v, 0, out, k, v.length);
                    k += v.length;
                }
            }
        }
        return out;
    }

    private static boolean[] slice(boolean[] mask, int s, int len) {
        return java.util.Arrays.copyOfRange(mask, s * len, (s + 1) * len);
    }

    @Test
    void featureExtractorsMatchTheSpecFormulas() {
        int b = 2;
        int p = 3;
        int c = 2;
        float[] patches = normal(rng, b * p * 64 * c);
        for (TsfmGraphConfig.Extractor kind : TsfmGraphConfig.Extractor.values()) {
            TsfmGraphConfig cfg = extractorConfig(kind);
            MapParameterSource params = new RandomWeights(11).features(cfg, "f").build();
            OnnxGraph g = new OnnxGraph("features");
            BlockContext ctx = new BlockContext(g, params);
            Value in = g.input("patches", DataType.FLOAT, B, P, Dim.of(64), C);
            Value out = kind == TsfmGraphConfig.Extractor.CNN
                    ? FeatureExtractorGraph.cnn(ctx, "f", in, cfg.cnnChannels(), cfg.cnnKernel(), cfg.dModel())
                    : FeatureExtractorGraph.spectralTemporal(ctx, "f", in, cfg.cnnChannels(), cfg.cnnKernel(),
                            cfg.temporalDim(), cfg.spectralDim());
            g.output(out, "y", DataType.FLOAT, B, P, C, Dim.of(32));
            Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("patches", Ort.floats(patches, b, p, 64, c)));

            assertThat(y.shape()).containsExactly(b, p, c, 32);
            assertThat(ctx.params().unused()).as("every extractor parameter is used").isEmpty();
            Reference ref = new Reference(params);
            double[] expected = new double[b * p * c * 32];
            for (int s = 0; s < b; s++) {
                for (int i = 0; i < p; i++) {
                    for (int ch = 0; ch < c; ch++) {
                        double[] series = new double[64];
                        for (int t = 0; t < 64; t++) {
                            series[t] = patches[((s * p + i) * 64 + t) * c + ch];
                        }
                        System.arraycopy(ref.feature(cfg, "f", series), 0, expected, ((s * p + i) * c + ch) * 32,
                                32);
                    }
                }
            }
            assertThat(maxAbsDiff(y.data(), expected)).as(kind.name()).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void padTokenAndPositionalEncoding() {
        int b = 2;
        int p = 5;
        int c = 3;
        int d = 8;
        MapParameterSource params = new RandomWeights(3).tensor("enc.pad_token", 1, 1, 1, 1, d)
                .tensor("enc.pe.scale", 1, 1).build();
        OnnxGraph g = new OnnxGraph("pad_pe");
        BlockContext ctx = new BlockContext(g, params);
        Value x = g.input("x", DataType.FLOAT, B, P, C, Dim.of(d));
        Value mask = g.input("patch_mask", DataType.BOOL, B, P);
        Value out = TemporalPositionalEncodingGraph.apply(ctx, "enc.pe",
                PadTokenGraph.apply(ctx, "enc", x, mask, d), d, 48);
        g.output(out, "y", DataType.FLOAT, B, P, C, Dim.of(d));
        float[] xs = uniform(rng, b * p * c * d, 1);
        boolean[] pm = {true, true, true, false, false, true, true, true, true, true};
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(xs, b, p, c, d),
                "patch_mask", Ort.bools(pm, b, p)));

        float[] pad = params.get("enc.pad_token").data();
        double scale = params.get("enc.pe.scale").data()[0];
        double[] expected = new double[xs.length];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < p; i++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int e = 0; e < d; e++) {
                        int k = ((s * p + i) * c + ch) * d + e;
                        expected[k] = (pm[s * p + i] ? xs[k] : pad[e]) + scale * Reference.positional(i, e, d);
                    }
                }
            }
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void positionalTableHasTheRequestedRowsOnly() {
        float[] t = TemporalPositionalEncodingGraph.table(48, 384);
        assertThat(t).hasSize(48 * 384);
        for (int pos : new int[] {0, 1, 47}) {
            for (int i : new int[] {0, 1, 190, 383}) {
                assertThat((double) t[pos * 384 + i]).isCloseTo(Reference.positional(pos, i, 384),
                        org.assertj.core.data.Offset.offset(1e-7));
            }
        }
    }

    /** Builds and runs one dual-branch block; returns the output for the given window. */
    private static Ort.Output runDualBranch(MapParameterSource params, int d, int heads, int ffn, float[] x,
                                            boolean[] pm, boolean[] cm, int b, int p, int c) {
        OnnxGraph g = new OnnxGraph("dual");
        BlockContext ctx = new BlockContext(g, params);
        Value in = g.input("x", DataType.FLOAT, B, P, C, Dim.of(d));
        Value patchMask = g.input("patch_mask", DataType.BOOL, B, P);
        Value channelMask = g.input("channel_mask", DataType.BOOL, B, C);
        Value out = DualBranchBlockGraph.apply(ctx, "blk", in, d, heads, ffn, true,
                ctx.layers().keyBias(patchMask, 5), ctx.layers().keyBias(channelMask, 5));
        g.output(out, "y", DataType.FLOAT, B, P, C, Dim.of(d));
        assertThat(ctx.params().unused()).isEmpty();
        return Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(x, b, p, c, d), "patch_mask", Ort.bools(pm, b, p),
                "channel_mask", Ort.bools(cm, b, c)));
    }

    @Test
    void dualBranchBlockMatchesTheReferenceWithPaddedPatchesAndChannels() {
        int b = 2;
        int p = 4;
        int c = 3;
        int d = 16;
        int heads = 2;
        int ffn = 32;
        MapParameterSource params = new RandomWeights(5).dualBranch("blk", d, ffn, true).build();
        float[] x = uniform(rng, b * p * c * d, 1.5);
        boolean[] pm = {true, true, true, false, true, true, true, true};
        boolean[] cm = {true, false, true, true, true, true};
        Ort.Output y = runDualBranch(params, d, heads, ffn, x, pm, cm, b, p, c);

        Reference ref = new Reference(params);
        double[][][][] expected = new double[b][][][];
        for (int s = 0; s < b; s++) {
            expected[s] = ref.dualBranch("blk", tokens(x, s, p, c, d), slice(pm, s, p), slice(cm, s, c), heads,
                    true);
        }
        assertThat(maxAbsDiff(y.data(), flatten(expected))).isLessThanOrEqualTo(TOL);

        // sample 0 without its padded channel 1 and padded patch 3: the real outputs are the same
        float[] small = new float[3 * 2 * d];
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int ch : new int[] {0, 2}) {
                System.arraycopy(x, (i * c + ch) * d, small, k, d);
                k += d;
            }
        }
        Ort.Output ySmall = runDualBranch(params, d, heads, ffn, small, new boolean[] {true, true, true},
                new boolean[] {true, true}, 1, 3, 2);
        float[] realOfFull = new float[small.length];
        k = 0;
        for (int i = 0; i < 3; i++) {
            for (int ch : new int[] {0, 2}) {
                System.arraycopy(y.data(), (i * c + ch) * d, realOfFull, k, d);
                k += d;
            }
        }
        assertThat(maxAbsDiff(ySmall.data(), realOfFull)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void channelTextFusionGatesTheChannelVectorIn() {
        int b = 2;
        int p = 3;
        int c = 4;
        int d = 16;
        MapParameterSource params = new RandomWeights(8).denseNoBias("ctf.gate_sensor", d, d)
                .dense("ctf.gate_channel", d, d).build();
        OnnxGraph g = new OnnxGraph("ctf");
        BlockContext ctx = new BlockContext(g, params);
        Value sensor = g.input("x", DataType.FLOAT, B, P, C, Dim.of(d));
        Value ch = g.input("channel_emb", DataType.FLOAT, B, C, Dim.of(d));
        g.output(ChannelTextFusionGraph.apply(ctx, "ctf", sensor, ch, d), "y", DataType.FLOAT, B, P, C, Dim.of(d));
        float[] xs = uniform(rng, b * p * c * d, 2);
        float[] chs = uniform(rng, b * c * d, 2);
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(xs, b, p, c, d),
                "channel_emb", Ort.floats(chs, b, c, d)));

        Reference ref = new Reference(params);
        double[][][][] expected = new double[b][][][];
        for (int s = 0; s < b; s++) {
            double[][] chRows = new double[c][];
            for (int k = 0; k < c; k++) {
                chRows[k] = io.tsfm.export.onnx.testing.Arrays2.row(chs, s * c + k, d);
            }
            expected[s] = ref.channelTextFusion("ctf", tokens(xs, s, p, c, d), chRows);
        }
        assertThat(maxAbsDiff(y.data(), flatten(expected))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void crossChannelFusionAndProjectionHeadPerPatch() {
        int b = 2;
        int p = 3;
        int c = 4;
        int d = 16;
        int df = 8;
        int e = 6;
        int queries = 3;
        int heads = 2;
        MapParameterSource params = new RandomWeights(9).dense("ccf.proj", d, df)
                .multiQuery("ccf.fusion", df, queries, true).projection("proj", df, e).build();
        OnnxGraph g = new OnnxGraph("head");
        BlockContext ctx = new BlockContext(g, params);
        Value x = g.input("x", DataType.FLOAT, B, P, C, Dim.of(d));
        Value cmask = g.input("channel_mask", DataType.BOOL, B, C);
        Value fused = CrossChannelFusionGraph.apply(ctx, "ccf", x, d, df, queries, heads, true,
                ctx.layers().keyBias(cmask, 5));
        g.output(ProjectionHeadGraph.apply(ctx, "proj", fused, df, e), "y", DataType.FLOAT, B, P, Dim.of(e));
        float[] xs = uniform(rng, b * p * c * d, 2);
        boolean[] cm = {true, true, false, false, true, true, true, true};
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(xs, b, p, c, d),
                "channel_mask", Ort.bools(cm, b, c)));

        Reference ref = new Reference(params);
        double[] expected = new double[b * p * e];
        for (int s = 0; s < b; s++) {
            double[][][] t = tokens(xs, s, p, c, d);
            for (int i = 0; i < p; i++) {
                double[][] rows = Reference.map(t[i], r -> ref.linear("ccf.proj", r));
                double[] pooled = ref.multiQuery("ccf.fusion", rows, slice(cm, s, c), heads, true);
                System.arraycopy(ref.projection("proj", pooled), 0, expected, (s * p + i) * e, e);
            }
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void pooledHeadTemporalAttentionThenMultiQueryPooling() {
        int b = 3;
        int p = 5;
        int df = 8;
        int heads = 2;
        int queries = 2;
        MapParameterSource params = new RandomWeights(10).temporalAttention("ta", df, 2)
                .multiQuery("pool", df, queries, false).build();
        OnnxGraph g = new OnnxGraph("pooled");
        BlockContext ctx = new BlockContext(g, params);
        Value x = g.input("x", DataType.FLOAT, B, P, Dim.of(df));
        Value pmask = g.input("patch_mask", DataType.BOOL, B, P);
        Value bias = ctx.layers().keyBias(pmask, 4);
        Value seq = TemporalAttentionGraph.apply(ctx, "ta", x, df, heads, 2, bias);
        g.output(MultiQueryAttentionGraph.apply(ctx, "pool", seq, df, queries, heads, false, bias), "y",
                DataType.FLOAT, B, Dim.of(df));
        float[] xs = uniform(rng, b * p * df, 2);
        boolean[] pm = {true, true, true, false, false, true, true, true, true, true, true, false, true, true, true};
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(xs, b, p, df),
                "patch_mask", Ort.bools(pm, b, p)));

        Reference ref = new Reference(params);
        double[] expected = new double[b * df];
        for (int s = 0; s < b; s++) {
            double[][] rows = new double[p][];
            for (int i = 0; i < p; i++) {
                rows[i] = io.tsfm.export.onnx.testing.Arrays2.row(xs, s * p + i, df);
            }
            double[][] seqRef = ref.temporalAttention("ta", rows, slice(pm, s, p), heads, 2);
            System.arraycopy(ref.multiQuery("pool", seqRef, slice(pm, s, p), heads, false), 0, expected, s * df, df);
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void missingOrMisshapenParametersAreNamed() {
        MapParameterSource params = new RandomWeights(1).dense("fc", 4, 3).build();
        OnnxGraph g = new OnnxGraph("p");
        BlockContext ctx = new BlockContext(g, params);
        Value x = g.input("x", DataType.FLOAT, Dim.of(2), Dim.of(4));
        assertThatThrownBy(() -> ctx.dense("other", x, 4, 3)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("'other.weight'").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> ctx.dense("fc", x, 4, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fc.weight' has shape [3, 4], expected [5, 4]");
        Map<String, long[]> manifest = new LinkedHashMap<>(ctx.params().manifest());
        assertThat(manifest).isEmpty();
    }
}
