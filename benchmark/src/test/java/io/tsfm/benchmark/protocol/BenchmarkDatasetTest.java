package io.tsfm.benchmark.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The zero-shot test sets cut into benchmark windows, on the real recordings. */
class BenchmarkDatasetTest {
    private static DataRoot root;
    private static DatasetCatalog catalog;

    @BeforeAll
    static void catalog() throws Exception {
        root = DataRoot.resolve();
        catalog = DatasetCatalog.load(root);
    }

    @Test
    void basicMotionsIsOneSubjectCutInto6sWindowsWithTheMajorityLabel() throws Exception {
        Dataset raw = catalog.read("basicmotions", root);
        BenchmarkDataset d = BenchmarkDataset.of(raw);
        assertThat(d.labels()).containsExactly("badminton", "running", "standing", "walking");
        assertThat(d.subjects()).isEqualTo(1);
        // 80 cases of 10 s at 10 Hz = 8,000 samples -> 133 windows of 60 (20 samples dropped)
        assertThat(d.windows()).hasSize(133);
        // per-sample labels of the cases concatenated in id order, majority per window computed here directly
        List<Session> sessions = new ArrayList<>(raw.sessions());
        sessions.sort(Comparator.comparing(Session::id));
        List<String> perSample = new ArrayList<>();
        for (Session s : sessions) for (int t = 0; t < s.length(); t++) perSample.add(s.label());
        int mixed = 0;
        for (int i = 0; i < d.windows().size(); i++) {
            BenchmarkWindow w = d.windows().get(i);
            if (new java.util.HashSet<>(perSample.subList(60 * i, 60 * i + 60)).size() > 1) mixed++;
            assertThat(w.index()).isEqualTo(i);
            assertThat(w.key()).isEqualTo(new WindowKey("basicmotions", sessions.get(0).subject(), 60 * i));
            assertThat(w.length()).isEqualTo(60);
            int[] counts = new int[4];
            for (String l : perSample.subList(60 * i, 60 * i + 60)) counts[d.labels().indexOf(l)]++;
            int best = 0;
            for (int c = 1; c < 4; c++) if (counts[c] > counts[best]) best = c;
            assertThat(w.labelIndex()).as("window %d", i).isEqualTo(best);
            assertThat(w.label()).isEqualTo(d.labels().get(best));
        }
        assertThat(d.mixedWindows()).isEqualTo(mixed).isPositive();
        assertThat(d.windows().get(5).toSensorWindow(d.description(), 1.0).channelDescriptions().get(0))
                .endsWith("Accelerometer X-axis (wrist) (sampled at 10Hz, 1.0s window)");
    }

    @Test
    void mobiFallSplitMatchesNumpyOnTheRealWindows() throws Exception {
        BenchmarkDataset d = BenchmarkDatasets.load(List.of("mobifall_v2"), catalog, root).get(0);
        assertThat(d.windows()).hasSize(1966);
        assertThat(d.subjects()).isEqualTo(24);
        assertThat(d.labels()).hasSize(13).isSorted();
        assertThat(d.labelCounts().values()).containsExactly(54, 54, 121, 120, 119, 105, 133, 134, 52, 88, 90, 449, 447);
        // expected: the reference's prepare_train_test_split / balanced_subsample run with numpy 2.4.6 on these
        // 1,966 label indices (checksum: sum(a[i] * (i + 1)) mod 1e9+7)
        FineTuneSplit s = FineTuneSplit.of(d.labelIndices());
        assertThat(s.train()).hasSize(1572);
        assertThat(s.validation()).hasSize(196);
        assertThat(Arrays.copyOf(s.test(), 5)).containsExactly(1172, 639, 426, 1380, 374);
        assertThat(checksum(s.test())).isEqualTo(19481429L);
        // 1 %: n_total 15, 13 classes -> 1 per class
        assertThat(s.labelled(0.01)).containsExactly(1840, 1224, 663, 473, 369, 212, 1535, 978, 560, 1814, 269, 1827,
                1689);
        int[] ten = s.labelled(0.1);
        assertThat(ten).hasSize(156);
        assertThat(Arrays.copyOf(ten, 8)).containsExactly(369, 1651, 1412, 674, 447, 1600, 1535, 756);
        assertThat(checksum(ten)).isEqualTo(12146354L);
    }

    @Test
    void theDefaultTestSetsAreZeroShotAndIncludeMotionSense() throws Exception {
        assertThat(BenchmarkDatasets.DEFAULT).containsExactly("mobifall_v2", "motionsense", "basicmotions",
                "racketsports");
        for (String n : BenchmarkDatasets.DEFAULT) {
            assertThat(catalog.get(n).info().role()).as(n).isEqualTo(io.tsfm.datasets.DatasetRole.ZERO_SHOT);
        }
        BenchmarkDataset d = BenchmarkDatasets.load(List.of("motionsense"), catalog, root).get(0);
        // 24 subjects x 15 trials of 50 Hz DeviceMotion, cut into 6 s windows of its six activities
        assertThat(d.windows()).hasSizeGreaterThan(3000);
        assertThat(d.windows().stream().map(w -> w.label()).distinct().sorted().toList()).containsExactly("jogging",
                "sitting", "standing", "walking", "walking_downstairs", "walking_upstairs");
        // its recordings carry 12 channels; the benchmark evaluates the six core ones, as the reference (spec §1.5)
        Dataset raw = catalog.read("motionsense", root);
        assertThat(raw.sessions().get(0).numChannels()).isEqualTo(12);
        for (BenchmarkWindow w : d.windows()) {
            assertThat(w.channels()).extracting(c -> c.name()).containsExactly("acc_x", "acc_y", "acc_z", "gyro_x",
                    "gyro_y", "gyro_z");
            assertThat(w.samples()).hasNumberOfRows(6);
        }
        // the kept rows are the recording's own user acceleration and rotation rate, not a copy of other channels
        Session first = raw.sessions().stream()
                .filter(s -> s.subject().equals(d.windows().get(0).key().device()))
                .min(Comparator.comparing(Session::id)).orElseThrow();
        for (int c = 0; c < 6; c++) {
            assertThat(d.windows().get(0).samples()[c][0]).isEqualTo(first.samples()[c][0]);
        }
        // classify and export parity cut the same windows, in the same order, with the same samples and labels
        List<DatasetWindows.Labeled> classified = DatasetWindows.of(raw, 1.0);
        assertThat(classified).hasSameSizeAs(d.windows());
        for (int i = 0; i < classified.size(); i++) {
            assertThat(classified.get(i).label()).isEqualTo(d.windows().get(i).label());
            assertThat(classified.get(i).window().samples()).isDeepEqualTo(d.windows().get(i).samples());
            assertThat(classified.get(i).window().channelDescriptions()).hasSize(6);
        }
    }

    @Test
    void unknownOrRepeatedDatasetNamesAreRefusedBeforeReading() {
        assertThatThrownBy(() -> BenchmarkDatasets.load(List.of("basicmotions", "moonwalk"), catalog, root))
                .hasMessageContaining("unknown dataset 'moonwalk'").hasMessageContaining("mobifall_v2");
        // a known dataset whose files are absent: its download hint, before the others are read
        DataRoot empty = DataRoot.of(java.nio.file.Path.of("/nonexistent-tsfm-root"));
        assertThatThrownBy(() -> BenchmarkDatasets.load(List.of("basicmotions"), catalog, empty))
                .hasMessageContaining("dataset 'basicmotions' not found under /nonexistent-tsfm-root");
        assertThatThrownBy(() -> BenchmarkDatasets.load(List.of("racketsports", "racketsports"), catalog, root))
                .hasMessageContaining("'racketsports' is listed twice");
    }

    private static long checksum(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) s = (s + (long) a[i] * (i + 1)) % 1_000_000_007L;
        return s;
    }
}
