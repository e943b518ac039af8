package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.eval.DatasetWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One classifier shared by concurrent callers gives every caller the results it would get alone. The callers start
 * together, use different windows and label sets (some texts new to the classifier, so its text caches fill under
 * contention) and repeat, so sessions, caches and the text encoder are all exercised at once.
 */
class ClassifierConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 3;

    @Test
    void concurrentCallersGetTheirSequentialResults() throws Exception {
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(TestBundles.hapt(), 1.0), 32).stream()
                .map(DatasetWindows.Labeled::window).toList();
        List<String> hapt = TestBundles.hapt().manifest().labels();
        List<LabelSet> sets = List.of(new LabelSet("hapt", 1, hapt),
                new LabelSet("free", 1, List.of("walking up the stairs", "lying in bed", "sitting at a desk")),
                new LabelSet("mixed", 1, List.of("walking", "a person standing", "sitting", "jogging slowly")),
                new LabelSet("few", 1, List.of("laying", "standing")));
        List<List<SensorWindow>> slices = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) slices.add(windows.subList(t * 8, t * 8 + 8));

        List<List<Classification>> expected = new ArrayList<>();
        try (OnnxWindowClassifier reference = OnnxWindowClassifier.open(TestBundles.frozen().bundle())) {
            for (int t = 0; t < THREADS; t++) expected.add(reference.classify(slices.get(t), sets.get(t), 2));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (OnnxWindowClassifier shared = OnnxWindowClassifier.builder().setBundle(TestBundles.frozen().bundle())
                .optIntraOpThreads(1).optMaxBatchSize(4).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<List<Classification>>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<List<Classification>> mine = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) mine.add(shared.classify(slices.get(me), sets.get(me), 2));
                    return mine;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                for (List<Classification> round : futures.get(t).get(2, TimeUnit.MINUTES)) {
                    List<Classification> want = expected.get(t);
                    assertThat(round).hasSize(want.size());
                    for (int i = 0; i < want.size(); i++) {
                        assertThat(round.get(i).windowId()).isEqualTo(want.get(i).windowId());
                        assertThat(round.get(i).topK()).extracting(Classification.ScoredLabel::label)
                                .isEqualTo(want.get(i).topK().stream().map(Classification.ScoredLabel::label).toList());
                        for (int k = 0; k < 2; k++) {
                            assertThat(round.get(i).topK().get(k).score())
                                    .isCloseTo(want.get(i).topK().get(k).score(), within(1e-5f));
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
