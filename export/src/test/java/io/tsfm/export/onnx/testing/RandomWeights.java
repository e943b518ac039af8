package io.tsfm.export.onnx.testing;

import io.tsfm.export.onnx.TsfmGraphConfig;
import io.tsfm.export.onnx.params.MapParameterSource;
import java.util.Random;

/**
 * Random weights with the training blocks' names and shapes (written from the DJL block tree: Linear
 * {@code weight (out, in)} + {@code bias (out)}, conv {@code (out, in, k)}, norms {@code (dim)}), scaled like
 * PyTorch's default initialisation but with norm affines, tokens and queries far from their init so every parameter
 * visibly matters.
 */
public final class RandomWeights {

    private final Random rng;
    private final MapParameterSource.Builder b = MapParameterSource.builder();

    /** A generator with a fixed seed. */
    public RandomWeights(long seed) {
        this.rng = new Random(seed);
    }

    /** The source built so far. */
    public MapParameterSource build() {
        return b.build();
    }

    /** Adds a Linear layer. */
    public RandomWeights dense(String path, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        b.put(path + ".weight", uniform(out * in, bound), out, in);
        b.put(path + ".bias", uniform(out, bound), out);
        return this;
    }

    /** Adds a bias-free Linear layer. */
    public RandomWeights denseNoBias(String path, int in, int out) {
        b.put(path + ".weight", uniform(out * in, 1 / Math.sqrt(in)), out, in);
        return this;
    }

    /** Adds a LayerNorm/GroupNorm affine (weight ≈ 1, bias ≈ 0). */
    public RandomWeights norm(String path, int dim) {
        float[] w = uniform(dim, 0.3);
        for (int i = 0; i < dim; i++) {
            w[i] += 1;
        }
        b.put(path + ".weight", w, dim);
        b.put(path + ".bias", uniform(dim, 0.3), dim);
        return this;
    }

    /** Adds an arbitrary tensor with entries in {@code ±bound}. */
    public RandomWeights tensor(String name, double bound, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        b.put(name, uniform((int) n, bound), shape);
        return this;
    }

    /** Attention with separate query/key/value/out layers. */
    public RandomWeights mhaSeparate(String path, int d) {
        return dense(path + ".query", d, d).dense(path + ".key", d, d).dense(path + ".value", d, d)
                .dense(path + ".out", d, d);
    }

    /** Attention in the packed PyTorch layout. */
    public RandomWeights mhaPacked(String path, int d) {
        tensor(path + ".in_proj_weight", Math.sqrt(6.0 / (4 * d)), 3L * d, d);
        tensor(path + ".in_proj_bias", 0.1, 3L * d);
        return dense(path + ".out_proj", d, d);
    }

    /** MultiQueryAttention. */
    public RandomWeights multiQuery(String path, int d, int q, boolean self) {
        tensor(path + ".queries", 1.0, q, d);
        mhaPacked(path + ".cross_attn", d).norm(path + ".norm1", d);
        if (self) {
            mhaPacked(path + ".self_attn", d).norm(path + ".norm2", d);
        }
        return dense(path + ".mlp1", q * d, d).dense(path + ".mlp2", d, d);
    }

    /** Feature extractor of a config. */
    public RandomWeights features(TsfmGraphConfig cfg, String path) {
        int in = 1;
        int k = cfg.cnnKernel();
        for (int i = 0; i < cfg.cnnChannels().length; i++) {
            int out = cfg.cnnChannels()[i];
            tensor(path + ".convs.conv" + i + ".weight", 1 / Math.sqrt(in * k), out, in, k);
            norm(path + ".convs.conv" + i + ".gn", out);
            in = out;
        }
        if (cfg.extractor() == TsfmGraphConfig.Extractor.CNN) {
            return dense(path + ".proj", in, cfg.dModel());
        }
        int dt = cfg.temporalDim();
        int ds = cfg.spectralDim();
        return dense(path + ".temporal_proj", in, dt).norm(path + ".temporal_norm", dt)
                .dense(path + ".spectral_fc1", 33, 2 * ds).dense(path + ".spectral_fc2", 2 * ds, ds)
                .norm(path + ".spectral_norm", ds);
    }

    /** One dual-branch block. */
    public RandomWeights dualBranch(String path, int d, int ffn, boolean crossChannel) {
        mhaSeparate(path + ".temporal_attn", d).norm(path + ".norm1", d);
        if (crossChannel) {
            mhaSeparate(path + ".channel_attn", d).norm(path + ".norm2", d);
        }
        return dense(path + ".ffn1", d, ffn).dense(path + ".ffn2", ffn, d).norm(path + ".norm3", d);
    }

    /** Pre-norm temporal transformer layers. */
    public RandomWeights temporalAttention(String path, int d, int layers) {
        for (int i = 0; i < layers; i++) {
            String l = path + ".layer" + i;
            norm(l + ".norm1", d).mhaPacked(l + ".self_attn", d).norm(l + ".norm2", d)
                    .dense(l + ".linear1", d, 4 * d).dense(l + ".linear2", 4 * d, d);
        }
        return this;
    }

    /** ProjectionHead. */
    public RandomWeights projection(String path, int df, int e) {
        return dense(path + ".fc1", df, 2 * df).dense(path + ".fc2", 2 * df, 2 * df).dense(path + ".fc3", 2 * df, e);
    }

    /**
     * Every parameter the serving graph of {@code cfg} uses, plus the ones a trained model has but serving does not
     * ({@code mask_token}, the text side of ChannelTextFusion, the pooled-path modules of per-patch tiers).
     */
    public static MapParameterSource forModel(TsfmGraphConfig cfg, long seed) {
        RandomWeights w = new RandomWeights(seed);
        int d = cfg.dModel();
        int df = cfg.fusedDim();
        w.features(cfg, "encoder.features");
        w.b.put("encoder.positional_encoding.scale", new float[] {0.7f}, 1);
        for (int i = 0; i < cfg.numLayers(); i++) {
            w.dualBranch("encoder.layer" + i, d, cfg.ffnDim(), cfg.crossChannel());
        }
        w.tensor("encoder.mask_token", 1.0, 1, 1, 1, d);
        w.tensor("encoder.pad_token", 1.0, 1, 1, 1, d);
        if (cfg.channelTextFusion()) {
            String f = "channel_text_fusion";
            w.tensor(f + ".queries", 0.02, 2, d).mhaPacked(f + ".attn", d).norm(f + ".norm", d)
                    .dense(f + ".out_proj1", 2 * d, d).dense(f + ".out_proj2", d, d);
            w.denseNoBias(f + ".gate_sensor", d, d).dense(f + ".gate_channel", d, d);
        }
        w.dense("head.cross_channel_fusion.proj", d, df);
        w.multiQuery("head.cross_channel_fusion.fusion", df, cfg.numFusionQueries(), cfg.fusionSelfAttention());
        // pooled-path modules exist in every tier's checkpoint
        w.temporalAttention("head.temporal_attention", df, Math.max(1, cfg.numHeadTemporalLayers()));
        w.multiQuery("head.attention_pooling", df, Math.max(1, cfg.numPoolQueries()), cfg.poolSelfAttention());
        w.projection("head.projection", df, cfg.embeddingDim());
        return w.build();
    }

    private float[] uniform(int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return x;
    }
}
