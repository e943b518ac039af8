package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.math.EmbeddingMath;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.preprocess.PatchingConfig;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.OpenSetClassification;
import io.tsfm.core.runtime.Scoring;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.datasets.eval.MajorityVote;
import io.tsfm.export.djl.DjlInference;
import io.tsfm.schemas.bundle.BundleManifest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Train (micro, briefly) → export → load → classify real hapt windows, against the same checkpoint run eagerly in
 * DJL: predictions identical, embeddings within 1e-4. Windows are a different selection from the exporter's own
 * parity windows.
 */
class RoundTripTest {

    private static final double TOL = 1e-4;

    /** DJL's view of one window: per-patch unit embeddings and the session embedding. */
    private record Djl(float[][] patches, float[] window) {}

    private static List<Djl> djl(DjlInference djl, ModelBundle bundle, List<SensorWindow> windows) {
        Patcher patcher = new Patcher(PatchingConfig.builder()
                .optMaxPatches(bundle.manifest().preprocessing().maxPatches()).build());
        List<Djl> out = new ArrayList<>();
        for (SensorWindow w : windows) {
            PatchedWindow p = patcher.patch(w.samples(), w.rateHz(), bundle.patchSeconds());
            float[][] patches = djl.embed(List.of(p), List.of(w.channelDescriptions()))[0];
            out.add(new Djl(patches, EmbeddingMath.normalizedMean(patches)));
        }
        return out;
    }

    private static int argmax(float[] v, float[][] labels) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels.length; j++) {
            double s = 0;
            for (int k = 0; k < v.length; k++) s += (double) v[k] * labels[j][k];
            if (s > bestScore) {
                best = j;
                bestScore = s;
            }
        }
        return best;
    }

    private static double maxAbs(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void frozenBundleHasTheManifestItPromises() throws Exception {
        TestBundles.Trained t = TestBundles.frozen();
        ModelBundle bundle = ModelBundle.open(t.bundle());
        BundleManifest m = bundle.manifest();
        assertThat(m.tier()).isEqualTo(BundleManifest.Tier.MICRO);
        assertThat(m.dimensions()).isEqualTo(new BundleManifest.Dimensions(32, 32, 384, 2, 1));
        assertThat(m.preprocessing().patchSeconds()).isEqualTo(1.0);
        assertThat(m.preprocessing().stepsPerPatch()).isEqualTo(64);
        assertThat(m.preprocessing().maxPatches()).isEqualTo(48);
        assertThat(m.onnxOpset()).isGreaterThanOrEqualTo(17);
        // the vocabulary is the training datasets' labels (hapt only here), grouped by the shipped vocabulary
        Dataset hapt = TestBundles.hapt();
        assertThat(bundle.labels()).isEqualTo(hapt.manifest().labels());
        LabelVocabulary vocab = LabelVocabulary.defaults();
        for (String l : bundle.labels()) assertThat(bundle.groupOf(l)).isEqualTo(vocab.groupOf(l));
        assertThat(m.labels().vocabularyVersion()).isEqualTo(vocab.version());
        assertThat(m.provenance()).containsEntry(BundleLayout.PROVENANCE_LABEL_ENCODER, "frozen")
                .containsEntry("tier", "micro").containsKeys("git_commit", "datasets", "parity_max_abs_diff",
                        BundleLayout.PROVENANCE_TEXT_MODEL);
        assertThat(m.validationMetrics()).containsKey("zero_shot_closed_set_accuracy");
        assertThat(m.files()).extracting(BundleManifest.BundleFile::path).containsExactlyInAnyOrder(
                BundleLayout.MODEL_FILE, BundleLayout.CHANNEL_TEXT_FILE, BundleLayout.LABEL_EMBEDDINGS_FILE);
        for (BundleManifest.BundleFile f : m.files()) {
            assertThat(Files.size(t.bundle().resolve(f.path()))).isEqualTo(f.sizeBytes());
        }
        assertThat(t.export().parity().passed()).isTrue();
        assertThat(t.export().parity().windows()).isEqualTo(24);
        assertThat(t.exportLog()).contains("parity on 24 real windows of [hapt]");
        // no temporary folder is left beside the bundle
        try (var s = Files.list(t.bundle().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void frozenBundleClassifiesRealWindowsExactlyAsDjl() throws Exception {
        TestBundles.Trained t = TestBundles.frozen();
        Dataset hapt = TestBundles.hapt();
        List<DatasetWindows.Labeled> labeled = DatasetWindows.spread(DatasetWindows.of(hapt, 1.0), 40);
        List<SensorWindow> windows = labeled.stream().map(DatasetWindows.Labeled::window).toList();
        List<String> labels = hapt.manifest().labels();
        try (OnnxWindowClassifier ort = OnnxWindowClassifier.builder().setBundle(t.bundle()).optIntraOpThreads(2)
                .build();
             MiniLmTextEncoder enc = MiniLmTextEncoder.builder().optMaxTokens(ort.bundle().textMaxTokens()).build();
             DjlInference djl = DjlInference.load(t.checkpoint(), enc);
             OnnxWindowClassifier voting = OnnxWindowClassifier.builder().setBundle(t.bundle())
                     .optScoring(Scoring.PATCH_VOTE).optTextEncoder(enc).build()) {
            List<Djl> ref = djl(djl, ort.bundle(), windows);
            float[][] lbl = djl.labelEmbeddings(labels, true);

            List<WindowEmbedding> emb = ort.embed(windows);
            List<Classification> closed = ort.classify(windows, new LabelSet("hapt", 1, labels), 3);
            List<OpenSetClassification> open = ort.classifyOpenSet(windows, 2);
            List<Classification> voted = voting.classify(windows, new LabelSet("hapt", 1, labels), 1);
            int distinctPredictions = (int) closed.stream().map(Classification::best).distinct().count();
            for (int i = 0; i < windows.size(); i++) {
                Djl d = ref.get(i);
                assertThat(emb.get(i).ok()).isTrue();
                assertThat(maxAbs(d.window(), emb.get(i).embedding())).isLessThanOrEqualTo(TOL);
                assertThat(emb.get(i).patchEmbeddings()).hasNumberOfRows(6);
                for (int q = 0; q < 6; q++) {
                    assertThat(maxAbs(d.patches()[q], emb.get(i).patchEmbeddings()[q])).isLessThanOrEqualTo(TOL);
                }
                int expected = argmax(d.window(), lbl);
                Classification c = closed.get(i);
                assertThat(c.windowId()).isEqualTo(windows.get(i).id());
                assertThat(c.best()).as(c.windowId()).isEqualTo(labels.get(expected));
                assertThat(c.topK()).hasSize(3);
                double djlScore = 0;
                for (int k = 0; k < d.window().length; k++) djlScore += d.window()[k] * lbl[expected][k];
                assertThat((double) c.topK().get(0).score()).isCloseTo(djlScore, within(TOL));
                assertThat(c.topK().get(0).score()).isGreaterThanOrEqualTo(c.topK().get(1).score());

                // open set over the bundle vocabulary, reported by group
                int openExpected = argmax(d.window(), djl.labelEmbeddings(ort.bundle().labels(), true));
                String label = ort.bundle().labels().get(openExpected);
                assertThat(open.get(i).topK().get(0).label()).isEqualTo(label);
                assertThat(open.get(i).bestGroup()).isEqualTo(ort.bundle().groupOf(label));
                assertThat(open.get(i).topK()).hasSize(2);
                assertThat(open.get(i).topK().get(1).group()).isNotEqualTo(open.get(i).bestGroup());

                // per-patch vote: each patch's DJL argmax, majority with ties to the first label
                int[] votes = new int[6];
                for (int q = 0; q < 6; q++) votes[q] = argmax(d.patches()[q], lbl);
                assertThat(voted.get(i).best()).isEqualTo(labels.get(MajorityVote.vote(votes, labels.size())));
            }
            // a model that predicts one label for everything would make the comparison weak
            assertThat(distinctPredictions).isGreaterThan(1);
        }
    }

    @Test
    void learnableBundleServesNewLabelTextsThroughItsLabelBankLikeDjl() throws Exception {
        TestBundles.Trained t = TestBundles.learnable();
        ModelBundle bundle = ModelBundle.open(t.bundle());
        assertThat(bundle.labelEncoder()).isEqualTo(LabelEncoderKind.LEARNABLE);
        assertThat(bundle.file(BundleLayout.ROLE_LABEL_BANK)).isPresent();
        List<String> freeText = List.of("walking up the stairs", "lying down on a bed", "sitting on a chair",
                "standing still", "walking", "getting up from a chair");
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(TestBundles.hapt(), 1.0), 16).stream()
                .map(DatasetWindows.Labeled::window).toList();
        try (OnnxWindowClassifier ort = OnnxWindowClassifier.open(t.bundle());
             MiniLmTextEncoder enc = MiniLmTextEncoder.builder().optMaxTokens(bundle.textMaxTokens()).build();
             DjlInference djl = DjlInference.load(t.checkpoint(), enc)) {
            float[][] served = ort.labelEmbeddings(freeText);
            float[][] reference = djl.labelEmbeddings(freeText, false);
            for (int i = 0; i < freeText.size(); i++) {
                assertThat(maxAbs(reference[i], served[i])).as(freeText.get(i)).isLessThanOrEqualTo(1e-5);
            }
            // vocabulary labels come from the bundle's table, which is the DJL label bank's output
            float[][] table = ort.labelEmbeddings(bundle.labels());
            float[][] djlTable = djl.labelEmbeddings(bundle.labels(), false);
            for (int i = 0; i < table.length; i++) assertThat(maxAbs(djlTable[i], table[i])).isLessThanOrEqualTo(1e-6);

            List<Classification> got = ort.classify(windows, new LabelSet("free", 1, freeText), 1);
            List<Djl> ref = djl(djl, bundle, windows);
            for (int i = 0; i < windows.size(); i++) {
                assertThat(got.get(i).best()).as(windows.get(i).id())
                        .isEqualTo(freeText.get(argmax(ref.get(i).window(), reference)));
            }
        }
    }
}
