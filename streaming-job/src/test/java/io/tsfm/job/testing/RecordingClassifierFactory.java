package io.tsfm.job.testing;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.job.inference.ClassifierFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TEST ONLY: hands every task the real micro-bundle classifier ({@link MicroBundle#shared()}, opened once per JVM so
 * operator tests stay fast) and records the size of every batch it is asked to classify under a name, so tests can
 * see the micro-batching. Closing a created classifier leaves the shared one open. Has both constructors
 * {@code ClassifierFactories} looks for.
 */
public final class RecordingClassifierFactory implements ClassifierFactory {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Integer>> BATCHES = new ConcurrentHashMap<>();

    private final String name;

    public RecordingClassifierFactory() {
        this("default");
    }

    /** @param name the key batch sizes are recorded under (for --classifier-factory: the --model path) */
    public RecordingClassifierFactory(String name) {
        this.name = name;
    }

    /** Batch sizes seen by classifiers of this name, in call order. */
    public static List<Integer> batchSizes(String name) {
        return BATCHES.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public WindowClassifier create() {
        List<Integer> sizes = batchSizes(name);
        WindowClassifier inner = MicroBundle.shared();
        return new WindowClassifier() {
            @Override
            public String modelId() {
                return inner.modelId();
            }

            @Override
            public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
                sizes.add(windows.size());
                return inner.classify(windows, labels, k);
            }

            @Override
            public void close() {
                // the shared classifier outlives every task of the test JVM
            }
        };
    }
}
