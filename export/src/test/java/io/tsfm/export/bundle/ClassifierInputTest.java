package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.OpenSetClassification;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.eval.DatasetWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad windows and bad label sets get clear errors; a bad window never costs the good ones beside it. */
class ClassifierInputTest {

    private static OnnxWindowClassifier classifier;
    private static List<SensorWindow> real;
    private static LabelSet hapt;

    @BeforeAll
    static void open() throws Exception {
        classifier = OnnxWindowClassifier.builder().setBundle(TestBundles.frozen().bundle()).optIntraOpThreads(2)
                .build();
        real = DatasetWindows.spread(DatasetWindows.of(TestBundles.hapt(), 1.0), 3).stream()
                .map(DatasetWindows.Labeled::window).toList();
        hapt = new LabelSet("hapt", 1, TestBundles.hapt().manifest().labels());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static SensorWindow variant(SensorWindow w, String id, float[][] samples, List<String> descriptions) {
        return new SensorWindow(id, samples, w.rateHz(), descriptions);
    }

    private static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) out[i] = x[i].clone();
        return out;
    }

    @Test
    void eachBadWindowIsNamedAndTheGoodOnesAreClassifiedAsIfAlone() {
        SensorWindow good = real.get(0);
        SensorWindow other = real.get(1);
        float[][] nan = copy(good.samples());
        nan[2][17] = Float.NaN;
        float[][] inf = copy(good.samples());
        inf[4][250] = Float.POSITIVE_INFINITY;
        float[][] shortWindow = new float[6][];
        for (int c = 0; c < 6; c++) shortWindow[c] = Arrays.copyOf(good.samples()[c], 20);
        float[][] ragged = copy(good.samples());
        ragged[1] = Arrays.copyOf(ragged[1], 100);
        List<String> d = good.channelDescriptions();
        List<String> blank = new ArrayList<>(d);
        blank.set(3, " ");

        List<SensorWindow> batch = new ArrayList<>();
        batch.add(good);
        batch.add(variant(good, "too-few-descriptions", good.samples(), d.subList(0, 5)));
        batch.add(variant(good, "nan", nan, d));
        batch.add(variant(good, "inf", inf, d));
        batch.add(variant(good, "short", shortWindow, d));
        batch.add(variant(good, "ragged", ragged, d));
        batch.add(variant(good, "blank", good.samples(), blank));
        batch.add(new SensorWindow("no-rate", good.samples(), 0, d));
        batch.add(null);
        batch.add(new SensorWindow("no-channels", new float[0][], 50, List.of()));
        batch.add(other);

        List<Classification> got = classifier.classify(batch, hapt, 2);
        assertThat(got).hasSize(batch.size());
        assertThat(got.get(1).error()).contains("6 channels but 5 channel descriptions");
        assertThat(got.get(2).error()).contains("non-finite sample NaN at channel 2, sample 17");
        assertThat(got.get(3).error()).contains("non-finite sample Infinity at channel 4, sample 250");
        assertThat(got.get(4).error()).contains("longer than the window of 20 samples");
        assertThat(got.get(5).error()).contains("channel 1 has 100 samples");
        assertThat(got.get(6).error()).contains("channel 3 has a blank description");
        assertThat(got.get(7).error()).contains("sampling rate");
        assertThat(got.get(8).windowId()).isEqualTo("window[8]");
        assertThat(got.get(8).error()).contains("is null");
        assertThat(got.get(9).error()).contains("no channels");
        for (int i = 1; i < 10; i++) {
            assertThat(got.get(i).ok()).isFalse();
            assertThat(got.get(i).topK()).isEmpty();
            assertThatThrownBy(got.get(i)::best).isInstanceOf(IllegalStateException.class);
        }
        // the good windows are unaffected by the bad ones beside them
        List<Classification> alone = classifier.classify(List.of(good, other), hapt, 2);
        assertThat(got.get(0)).isEqualTo(alone.get(0));
        assertThat(got.get(10)).isEqualTo(alone.get(1));
        assertThat(got.get(0).ok()).isTrue();
        // open set and embeddings follow the same rules
        List<OpenSetClassification> open = classifier.classifyOpenSet(batch, 1);
        assertThat(open.get(2).error()).contains("NaN");
        assertThat(open.get(0).ok()).isTrue();
        assertThat(classifier.embed(batch).get(4).error()).contains("20 samples");
    }

    @Test
    void badLabelSetsAndArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> new LabelSet("empty", 1, List.of())).hasMessageContaining("is empty");
        assertThatThrownBy(() -> new LabelSet("dup", 1, List.of("walking", "sitting", "walking")))
                .hasMessageContaining("lists 'walking' twice");
        assertThatThrownBy(() -> new LabelSet("blank", 1, List.of("walking", " "))).hasMessageContaining("blank");
        assertThatThrownBy(() -> classifier.classify(real, hapt, 0)).hasMessageContaining("k must be at least 1");
        assertThat(classifier.classify(List.of(), hapt, 1)).isEmpty();
        // k larger than the label set gives every label, best first
        List<Classification> all = classifier.classify(real.subList(0, 1), new LabelSet("two", 1,
                List.of("walking", "sitting")), 5);
        assertThat(all.get(0).topK()).extracting(Classification.ScoredLabel::label)
                .containsExactlyInAnyOrder("walking", "sitting");
    }

    @Test
    void aClosedClassifierRefusesWork() throws Exception {
        OnnxWindowClassifier c = OnnxWindowClassifier.open(TestBundles.frozen().bundle());
        assertThat(c.classify(real, hapt, 1)).allMatch(Classification::ok);
        c.close();
        c.close();
        assertThatThrownBy(() -> c.classify(real, hapt, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
