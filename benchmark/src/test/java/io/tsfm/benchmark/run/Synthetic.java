package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import java.util.ArrayList;
import java.util.List;

/** Hand-made windows for the hand-computed runner cases: channel 0 holds one constant value per 1 s patch. */
final class Synthetic {
    static final double RATE = 10;
    static final List<Channel> CHANNELS = List.of(Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "wrist"));

    private Synthetic() {}

    /** A window of 6 patches of 10 samples, patch i constant at {@code patchValues[i]}. */
    static float[][] patches(double... patchValues) {
        float[] x = new float[patchValues.length * 10];
        for (int i = 0; i < x.length; i++) x[i] = (float) patchValues[i / 10];
        return new float[][] {x};
    }

    /** A one-subject dataset of {@code windows} with true labels {@code truth}, labels sorted. */
    static BenchmarkDataset dataset(String name, List<String> labels, List<String> truth, List<float[][]> windows) {
        List<BenchmarkWindow> out = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            out.add(new BenchmarkWindow(new WindowKey(name, "s1", i * 60), i, labels.indexOf(truth.get(i)),
                    truth.get(i), windows.get(i), RATE, CHANNELS));
        }
        return new BenchmarkDataset(name, "A synthetic test dataset.", labels, out, 1, 0);
    }
}
