package io.tsfm.benchmark.baseline.neural;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import java.util.List;

/**
 * The supervised data of one test dataset at one label rate (spec §6.5) as baseline input: the balanced labelled
 * subsample of the train part and the whole validation part, each window as {@link BaselineInput} with its class
 * index in the dataset's sorted labels. Immutable by convention.
 *
 * @param labelled the labelled windows, in the split's order (what a checkpoint records)
 * @param trainX   their inputs {@code [window][t][c]}
 * @param trainY   their class indices
 * @param valX     the validation inputs
 * @param valY     the validation class indices
 * @param classes  the dataset's label count
 */
public record FineTuneData(List<BenchmarkWindow> labelled, float[][][] trainX, int[] trainY, float[][][] valX,
                           int[] valY, int classes) {

    /** The data of {@code dataset} at {@code rate} (0.01 or 0.1) under {@code split}. */
    public static FineTuneData of(BenchmarkDataset dataset, FineTuneSplit split, double rate) {
        List<BenchmarkWindow> labelled = dataset.select(split.labelled(rate));
        List<BenchmarkWindow> val = dataset.select(split.validation());
        return new FineTuneData(labelled, inputs(labelled), labels(labelled), inputs(val), labels(val),
                dataset.labels().size());
    }

    /** Baseline inputs of windows, in order. */
    public static float[][][] inputs(List<BenchmarkWindow> windows) {
        float[][][] out = new float[windows.size()][][];
        for (int i = 0; i < out.length; i++) out[i] = BaselineInput.of(windows.get(i));
        return out;
    }

    private static int[] labels(List<BenchmarkWindow> windows) {
        return windows.stream().mapToInt(BenchmarkWindow::labelIndex).toArray();
    }
}
