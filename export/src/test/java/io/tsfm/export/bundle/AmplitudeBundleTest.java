package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession;
import io.tsfm.core.math.EmbeddingMath;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.ort.OrtSupport;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.export.djl.DjlInference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An amplitude-aware model (per-patch mean and scale as an input, trained with the device augmentations) through
 * export and serving: the graph takes {@code patch_stats}, ONNX Runtime reproduces DJL on real windows, and the
 * served embedding responds to a window's amplitude, which the per-patch z-score alone cannot see.
 */
class AmplitudeBundleTest {

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void amplitudeBundleTakesPatchStatsAndMatchesDjl() throws Exception {
        TestBundles.Trained t = TestBundles.amplitude();
        assertThat(t.export().parity().passed()).isTrue();
        ModelBundle bundle = ModelBundle.open(t.bundle());
        try (OrtSession s = OrtSupport.ENV.createSession(bundle.file(BundleLayout.ROLE_MODEL).orElseThrow())) {
            assertThat(s.getInputNames()).contains(BundleLayout.PATCH_STATS);
        }
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(TestBundles.hapt(), 1.0), 12).stream()
                .map(DatasetWindows.Labeled::window).toList();
        Patcher patcher = bundle.patcher();
        try (OnnxWindowClassifier ort = OnnxWindowClassifier.open(t.bundle());
             MiniLmTextEncoder enc = MiniLmTextEncoder.builder().optMaxTokens(bundle.textMaxTokens()).build();
             DjlInference djl = DjlInference.load(t.checkpoint(), enc)) {
            List<WindowEmbedding> served = ort.embed(windows);
            for (int i = 0; i < windows.size(); i++) {
                SensorWindow w = windows.get(i);
                PatchedWindow p = patcher.patch(w.samples(), w.rateHz(), bundle.patchSeconds());
                float[] ref = EmbeddingMath.normalizedMean(djl.embed(List.of(p), List.of(w.channelDescriptions()))[0]);
                assertThat(maxAbs(ref, served.get(i).embedding())).as(w.id()).isLessThanOrEqualTo(1e-4);
            }

            // the same window four times as strong: identical z-scored patches, different amplitude features
            SensorWindow w = windows.get(0);
            float[][] louder = new float[w.samples().length][];
            for (int c = 0; c < louder.length; c++) {
                louder[c] = w.samples()[c].clone();
                for (int k = 0; k < louder[c].length; k++) louder[c][k] *= 4;
            }
            SensorWindow loud = new SensorWindow(w.id() + "-x4", louder, w.rateHz(), w.channelDescriptions());
            float[] a = ort.embed(List.of(w)).get(0).embedding();
            float[] b = ort.embed(List.of(loud)).get(0).embedding();
            assertThat(maxAbs(a, b)).isGreaterThan(1e-4);
        }
    }
}
