package io.tsfm.benchmark.stream;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.runtime.LabelSet;
import java.util.List;
import java.util.Map;

/**
 * One {@code classify} call of a {@link StreamPath} as it happened: what was asked, what came back, and its figures;
 * kept so the same windows can be put through the direct path afterwards and compared.
 *
 * @param dataset     the dataset
 * @param windows     the windows asked for
 * @param labels      the label set asked for
 * @param predictions what the stream answered
 * @param topScores   the score of the best label of every window answered with a label (first answer)
 * @param stats       the pass's figures
 */
public record StreamPass(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                         List<WindowPrediction> predictions, Map<WindowKey, Float> topScores, PassStats stats) {
    public StreamPass {
        windows = List.copyOf(windows);
        predictions = List.copyOf(predictions);
        topScores = Map.copyOf(topScores);
    }
}
