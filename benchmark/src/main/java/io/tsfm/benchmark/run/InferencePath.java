package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.core.runtime.LabelSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * How benchmark windows reach a model and its predictions come back. The direct path ({@link DirectPath}) hands
 * them to a {@code WindowClassifier} in-process; a stream path replays each device's samples through Kafka and the
 * streaming job and reads the predictions back. Either may answer fewer windows than it was given (a stream that
 * lost or has not yet emitted some): the runner joins the answers by {@link io.tsfm.benchmark.protocol.WindowKey}
 * and reports every window without an answer, never scoring it.
 *
 * <p>Implementations state their thread-safety; the runner calls one path from one thread.
 */
public interface InferencePath extends AutoCloseable {

    /** Short name shown in the report: {@code direct}, {@code stream}. */
    String name();

    /** The model's id (the bundle's SHA-256), recorded with every result. */
    String modelId();

    /**
     * The labels of {@code labels} this path cannot score: empty for a path that embeds any label text (a
     * {@code WindowClassifier} scores free text); a path bound to registered label sets names the ones it lacks.
     */
    default Set<String> unsupportedLabels(Collection<String> labels) {
        return Set.of();
    }

    /**
     * Classifies windows of {@code dataset} against {@code labels}.
     *
     * @param progress told the number of windows handled after each step (for the progress bar)
     * @return one prediction per window it answered, in any order; windows it did not answer are simply absent
     */
    List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                                    IntConsumer progress);

    @Override
    void close();
}
