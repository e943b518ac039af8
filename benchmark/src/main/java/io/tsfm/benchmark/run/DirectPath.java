package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The direct path: windows through a {@link WindowClassifier} in-process, in batches (32, the reference's), each
 * window carrying the channel descriptions for the model's patch length. The classifier is owned and closed with
 * the path. As thread-safe as the classifier.
 */
public final class DirectPath implements InferencePath {
    /** The reference's evaluation batch size (spec §6.2). */
    public static final int DEFAULT_BATCH = 32;

    private final WindowClassifier classifier;
    private final double patchSeconds;
    private final int batchSize;

    /**
     * @param classifier   the model (closed with this path)
     * @param patchSeconds the model's patch length, named in the channel descriptions
     * @param batchSize    windows per classifier call
     */
    public DirectPath(WindowClassifier classifier, double patchSeconds, int batchSize) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (!(patchSeconds > 0)) throw new IllegalArgumentException("patch length must be positive, got " + patchSeconds);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.patchSeconds = patchSeconds;
        this.batchSize = batchSize;
    }

    /** A path with the reference batch size. */
    public DirectPath(WindowClassifier classifier, double patchSeconds) {
        this(classifier, patchSeconds, DEFAULT_BATCH);
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public String modelId() {
        return classifier.modelId();
    }

    @Override
    public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                                           IntConsumer progress) {
        List<WindowPrediction> out = new ArrayList<>(windows.size());
        for (int from = 0; from < windows.size(); from += batchSize) {
            List<BenchmarkWindow> batch = windows.subList(from, Math.min(windows.size(), from + batchSize));
            List<SensorWindow> input = new ArrayList<>(batch.size());
            for (BenchmarkWindow w : batch) input.add(w.toSensorWindow(dataset.description(), patchSeconds));
            List<Classification> result = classifier.classify(input, labels, 1);
            if (result.size() != batch.size()) {
                throw new IllegalStateException("classifier " + classifier.modelId() + " returned " + result.size()
                        + " results for " + batch.size() + " windows");
            }
            for (int i = 0; i < batch.size(); i++) {
                Classification c = result.get(i);
                BenchmarkWindow w = batch.get(i);
                if (!c.windowId().equals(w.key().toString())) {
                    throw new IllegalStateException("classifier answered window " + c.windowId() + " in place of "
                            + w.key());
                }
                out.add(c.ok() ? WindowPrediction.of(w.key(), c.best()) : WindowPrediction.failed(w.key(), c.error()));
            }
            progress.accept(batch.size());
        }
        return out;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
