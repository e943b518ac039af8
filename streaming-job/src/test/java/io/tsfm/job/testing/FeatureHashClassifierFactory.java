package io.tsfm.job.testing;

import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.job.inference.ClassifierFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TEST ONLY: opens a {@link FeatureHashClassifier} per task and records the size of every batch it is asked to
 * classify under a name, so tests can see the micro-batching. Has both constructors
 * {@code ClassifierFactories} looks for.
 */
public final class FeatureHashClassifierFactory implements ClassifierFactory {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Integer>> BATCHES = new ConcurrentHashMap<>();

    private final String name;

    public FeatureHashClassifierFactory() {
        this("default");
    }

    /** @param name the key batch sizes are recorded under (for --classifier-factory: the --model path) */
    public FeatureHashClassifierFactory(String name) {
        this.name = name;
    }

    /** Batch sizes seen by classifiers of this name, in call order. */
    public static List<Integer> batchSizes(String name) {
        return BATCHES.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public WindowClassifier create() {
        List<Integer> sizes = batchSizes(name);
        FeatureHashClassifier inner = new FeatureHashClassifier();
        return new WindowClassifier() {
            @Override
            public String modelId() {
                return inner.modelId();
            }

            @Override
            public List<io.tsfm.core.runtime.Classification> classify(
                    List<io.tsfm.core.runtime.SensorWindow> windows, io.tsfm.core.runtime.LabelSet labels, int k) {
                sizes.add(windows.size());
                return inner.classify(windows, labels, k);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
