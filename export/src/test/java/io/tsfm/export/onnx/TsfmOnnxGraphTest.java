package io.tsfm.export.onnx;

import static io.tsfm.export.onnx.testing.Arrays2.maxAbsDiff;
import static io.tsfm.export.onnx.testing.Arrays2.normal;
import static io.tsfm.export.onnx.testing.Arrays2.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.tsfm.export.onnx.params.MapParameterSource;
import io.tsfm.export.onnx.testing.Ort;
import io.tsfm.export.onnx.testing.RandomWeights;
import io.tsfm.export.onnx.testing.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole serving graph at {@code micro} size (the training side's test configuration: D = 32, 2 heads, 1 block,
 * conv 8/16, D_f = 32, E = 16) with random weights, in ONNX Runtime, against the plain-Java reference forward pass.
 */
class TsfmOnnxGraphTest {

    private static final double TOL = 1e-5;
    private final Random rng = new Random(99);

    /** Same sizes as the training module's {@code TsfmConfig.micro()}. */
    static TsfmGraphConfig micro() {
        return TsfmGraphConfig.builder().setDModel(32).setNumHeads(2).setNumLayers(1).setFfnDim(64)
                .setExtractor(TsfmGraphConfig.Extractor.SPECTRAL_TEMPORAL).optCnnChannels(8, 16).setFusedDim(32)
                .setEmbeddingDim(16).setNumFusionQueries(2).optNumPoolQueries(2).optNumHeadTemporalLayers(1)
                .setPerPatch(true).build();
    }

    /** Micro sizes with the Small tier's structure: cnn extractor, pooled head, 2 blocks. */
    static TsfmGraphConfig microPooled() {
        return TsfmGraphConfig.builder().setDModel(32).setNumHeads(2).setNumLayers(2).setFfnDim(64)
                .setExtractor(TsfmGraphConfig.Extractor.CNN).optCnnChannels(8, 16).setFusedDim(24)
                .setEmbeddingDim(16).setNumFusionQueries(2).optNumPoolQueries(3).optNumHeadTemporalLayers(2)
                .setPerPatch(false).build();
    }

    /** A batch of random windows with masks. */
    private record Batch(int b, int p, int c, int d, float[] patches, float[] channelEmb, boolean[] patchMask,
                         boolean[] channelMask) {

        Map<String, Ort.Input> feed(boolean withChannelEmb) {
            Map<String, Ort.Input> m = new HashMap<>();
            m.put(TsfmOnnxGraph.PATCHES, Ort.floats(patches, b, p, 64, c));
            if (withChannelEmb) {
                m.put(TsfmOnnxGraph.CHANNEL_EMB, Ort.floats(channelEmb, b, c, d));
            }
            m.put(TsfmOnnxGraph.CHANNEL_MASK, Ort.bools(channelMask, b, c));
            m.put(TsfmOnnxGraph.PATCH_MASK, Ort.bools(patchMask, b, p));
            return m;
        }

        double[][][] patchesOf(int s) {
            double[][][] x = new double[p][64][c];
            for (int i = 0; i < p; i++) {
                for (int t = 0; t < 64; t++) {
                    for (int ch = 0; ch < c; ch++) {
                        x[i][t][ch] = patches[((s * p + i) * 64 + t) * c + ch];
                    }
                }
            }
            return x;
        }

        double[][] channelEmbOf(int s) {
            double[][] x = new double[c][d];
            for (int ch = 0; ch < c; ch++) {
                for (int e = 0; e < d; e++) {
                    x[ch][e] = channelEmb[(s * c + ch) * d + e];
                }
            }
            return x;
        }

        boolean[] patchMaskOf(int s) {
            return java.util.Arrays.copyOfRange(patchMask, s * p, (s + 1) * p);
        }

        boolean[] channelMaskOf(int s) {
            return java.util.Arrays.copyOfRange(channelMask, s * c, (s + 1) * c);
        }

        /** Sample {@code s} with only the given patches and channels. */
        Batch select(int s, int[] patchIdx, int[] channelIdx) {
            int np = patchIdx.length;
            int nc = channelIdx.length;
            float[] pt = new float[np * 64 * nc];
            float[] ce = new float[nc * d];
            boolean[] pm = new boolean[np];
            boolean[] cm = new boolean[nc];
            for (int i = 0; i < np; i++) {
                pm[i] = patchMask[s * p + patchIdx[i]];
                for (int t = 0; t < 64; t++) {
                    for (int k = 0; k < nc; k++) {
                        pt[(i * 64 + t) * nc + k] = patches[((s * p + patchIdx[i]) * 64 + t) * c + channelIdx[k]];
                    }
                }
            }
            for (int k = 0; k < nc; k++) {
                cm[k] = channelMask[s * c + channelIdx[k]];
                System.arraycopy(channelEmb, (s * c + channelIdx[k]) * d, ce, k * d, d);
            }
            return new Batch(1, np, nc, d, pt, ce, pm, cm);
        }
    }

    private Batch randomBatch(int b, int p, int c, int d, boolean[] patchMask, boolean[] channelMask) {
        return new Batch(b, p, c, d, normal(rng, b * p * 64 * c), uniform(rng, b * c * d, 1), patchMask,
                channelMask);
    }

    private static double[] expected(TsfmGraphConfig cfg, MapParameterSource params, Batch batch) {
        Reference ref = new Reference(params);
        int rows = cfg.perPatch() ? batch.p() : 1;
        int e = cfg.embeddingDim();
        double[] out = new double[batch.b() * rows * e];
        for (int s = 0; s < batch.b(); s++) {
            double[][] y = ref.forward(cfg, batch.patchesOf(s), batch.channelEmbOf(s), batch.patchMaskOf(s),
                    batch.channelMaskOf(s));
            for (int r = 0; r < rows; r++) {
                System.arraycopy(y[r], 0, out, (s * rows + r) * e, e);
            }
        }
        return out;
    }

    @Test
    void microPerPatchNetworkMatchesTheReferenceForward() {
        TsfmGraphConfig cfg = micro();
        MapParameterSource params = RandomWeights.forModel(cfg, 1);
        TsfmOnnxGraph graph = TsfmOnnxGraph.build(cfg, params);
        // sample 0 has a padded patch and a padded channel, sample 1 is complete
        Batch batch = randomBatch(2, 4, 3, 32, new boolean[] {true, true, true, false, true, true, true, true},
                new boolean[] {true, false, true, true, true, true});
        try (Ort.Session session = Ort.open(graph.toBytes())) {
            Ort.Output y = session.run(batch.feed(true));
            assertThat(y.shape()).containsExactly(2, 4, 16);
            assertThat(maxAbsDiff(y.data(), expected(cfg, params, batch))).isLessThanOrEqualTo(TOL);
            for (int row = 0; row < 8; row++) {
                double n = 0;
                for (int e = 0; e < 16; e++) {
                    n += y.data()[row * 16 + e] * y.data()[row * 16 + e];
                }
                assertThat(Math.sqrt(n)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            }

            // B, P and C are dynamic: another shape through the same session
            Batch other = randomBatch(1, 6, 5, 32, new boolean[] {true, true, true, true, true, true},
                    new boolean[] {true, true, true, true, false});
            Ort.Output y2 = session.run(other.feed(true));
            assertThat(y2.shape()).containsExactly(1, 6, 16);
            assertThat(maxAbsDiff(y2.data(), expected(cfg, params, other))).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void paddedChannelsAndPatchesDoNotChangeTheRealOutputs() {
        TsfmGraphConfig cfg = micro();
        MapParameterSource params = RandomWeights.forModel(cfg, 2);
        byte[] model = TsfmOnnxGraph.build(cfg, params).toBytes();
        // 3 real + 2 padded channels (junk data and text vectors), 4 real + 2 padded patches
        Batch padded = randomBatch(1, 6, 5, 32, new boolean[] {true, true, true, true, false, false},
                new boolean[] {true, false, true, false, true});
        Batch trimmed = padded.select(0, new int[] {0, 1, 2, 3}, new int[] {0, 2, 4});
        try (Ort.Session session = Ort.open(model)) {
            float[] full = session.run(padded.feed(true)).data();
            float[] small = session.run(trimmed.feed(true)).data();
            float[] realOfFull = java.util.Arrays.copyOf(full, 4 * 16);
            assertThat(maxAbsDiff(small, realOfFull)).isLessThanOrEqualTo(TOL);
            // and the padded window still matches the reference at every real patch
            double[] ref = expected(cfg, params, padded);
            assertThat(maxAbsDiff(realOfFull, java.util.Arrays.copyOf(ref, 4 * 16))).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void pooledNetworkMatchesTheReferenceAndIgnoresPadding() {
        TsfmGraphConfig cfg = microPooled();
        MapParameterSource params = RandomWeights.forModel(cfg, 3);
        TsfmOnnxGraph graph = TsfmOnnxGraph.build(cfg, params);
        assertThat(graph.outputName()).isEqualTo(TsfmOnnxGraph.WINDOW_EMB);
        Batch batch = randomBatch(2, 5, 4, 32,
                new boolean[] {true, true, true, false, false, true, true, true, true, true},
                new boolean[] {true, true, false, true, true, true, true, true});
        try (Ort.Session session = Ort.open(graph.toBytes())) {
            Ort.Output y = session.run(batch.feed(true));
            assertThat(y.shape()).containsExactly(2, 16);
            assertThat(maxAbsDiff(y.data(), expected(cfg, params, batch))).isLessThanOrEqualTo(TOL);

            Batch trimmed = batch.select(0, new int[] {0, 1, 2}, new int[] {0, 1, 3});
            float[] small = session.run(trimmed.feed(true)).data();
            assertThat(maxAbsDiff(small, java.util.Arrays.copyOf(y.data(), 16))).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void variantWithoutTextFusionOrCrossChannelBranchHasNoChannelEmbInput() {
        TsfmGraphConfig cfg = TsfmGraphConfig.builder().setDModel(32).setNumHeads(4).setNumLayers(2).setFfnDim(48)
                .setExtractor(TsfmGraphConfig.Extractor.SPECTRAL_TEMPORAL).optSpectralDim(12).optCnnChannels(4)
                .optCnnKernel(3).optCrossChannel(false).optChannelTextFusion(false).setFusedDim(16)
                .setEmbeddingDim(8).setNumFusionQueries(3).optFusionSelfAttention(false).setPerPatch(true).build();
        MapParameterSource params = RandomWeights.forModel(cfg, 4);
        TsfmOnnxGraph graph = TsfmOnnxGraph.build(cfg, params);
        assertThat(graph.model().getGraph().getInputList().stream().map(ValueInfoProto::getName))
                .containsExactly(TsfmOnnxGraph.PATCHES, TsfmOnnxGraph.CHANNEL_MASK, TsfmOnnxGraph.PATCH_MASK);
        Batch batch = randomBatch(2, 3, 2, 32, new boolean[] {true, true, false, true, true, true},
                new boolean[] {true, true, false, true});
        Ort.Output y = Ort.runOnce(graph.toBytes(), batch.feed(false));
        assertThat(maxAbsDiff(y.data(), expected(cfg, params, batch))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void graphDeclaresTheServingContractAndReportsItsParameters(@TempDir Path dir) throws Exception {
        TsfmGraphConfig cfg = micro();
        MapParameterSource params = RandomWeights.forModel(cfg, 5);
        TsfmOnnxGraph graph = TsfmOnnxGraph.build(cfg, params);

        List<ValueInfoProto> inputs = graph.model().getGraph().getInputList();
        assertThat(inputs.stream().map(ValueInfoProto::getName)).containsExactly(TsfmOnnxGraph.PATCHES,
                TsfmOnnxGraph.CHANNEL_EMB, TsfmOnnxGraph.CHANNEL_MASK, TsfmOnnxGraph.PATCH_MASK);
        assertThat(dims(inputs.get(0))).containsExactly("B", "P", "64", "C");
        assertThat(dims(inputs.get(1))).containsExactly("B", "C", "32");
        assertThat(dims(inputs.get(2))).containsExactly("B", "C");
        assertThat(dims(inputs.get(3))).containsExactly("B", "P");
        assertThat(dims(graph.model().getGraph().getOutput(0))).containsExactly("B", "P", "16");
        assertThat(graph.model().getOpsetImport(0).getVersion()).isEqualTo(17);

        // serving reads everything except the text side, mask_token and the unused pooled path
        Set<String> unused = graph.unusedParameters();
        assertThat(unused).contains("encoder.mask_token", "channel_text_fusion.queries",
                "head.temporal_attention.layer0.self_attn.in_proj_weight", "head.attention_pooling.queries");
        assertThat(unused.stream().filter(n -> !n.startsWith("head.temporal_attention.")
                && !n.startsWith("head.attention_pooling.") && !n.equals("encoder.mask_token")
                && !(n.startsWith("channel_text_fusion.") && !n.contains(".gate_")))
                .collect(Collectors.toList())).isEmpty();
        assertThat(graph.parameterManifest().keySet()).doesNotContainAnyElementsOf(unused);
        assertThat(graph.parameterManifest().size() + unused.size()).isEqualTo(params.names().size());
        assertThat(graph.parameterManifest().get("encoder.layer0.temporal_attn.query.weight"))
                .containsExactly(32, 32);

        Path file = dir.resolve("tsfm.onnx");
        graph.save(file);
        Batch batch = randomBatch(1, 2, 2, 32, new boolean[] {true, true}, new boolean[] {true, true});
        Ort.Output fromFile = Ort.runOnce(Files.readAllBytes(file), batch.feed(true));
        assertThat(maxAbsDiff(fromFile.data(), expected(cfg, params, batch))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void moreBlocksThanPositionRowsFailInOnnxRuntime() {
        TsfmGraphConfig small = TsfmGraphConfig.builder().setDModel(32).setNumHeads(2).setNumLayers(1).setFfnDim(64)
                .setExtractor(TsfmGraphConfig.Extractor.CNN).optCnnChannels(8).setFusedDim(32).setEmbeddingDim(16)
                .setNumFusionQueries(2).setPerPatch(true).optPositionRows(4).build();
        byte[] model = TsfmOnnxGraph.build(small, RandomWeights.forModel(small, 6)).toBytes();
        try (Ort.Session session = Ort.open(model)) {
            Batch four = randomBatch(1, 4, 2, 32, new boolean[] {true, true, true, true}, new boolean[] {true, true});
            assertThat(session.run(four.feed(true)).shape()).containsExactly(1, 4, 16);
            Batch five = randomBatch(1, 5, 2, 32, new boolean[] {true, true, true, true, true},
                    new boolean[] {true, true});
            assertThatThrownBy(() -> session.run(five.feed(true))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ONNX Runtime run failed");
        }
    }

    private static List<String> dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.toList());
    }
}
