package io.tsfm.benchmark.protocol;

import io.tsfm.core.data.Channel;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.runtime.SensorWindow;
import java.util.List;

/**
 * One evaluation window of a benchmark dataset with its ground truth.
 *
 * @param key         the window's identity
 * @param index       position in the dataset's window list (the index the split permutes)
 * @param labelIndex  class index in the dataset's sorted label list
 * @param label       the true label
 * @param samples     {@code [channel][t]} at the native rate, not to be modified
 * @param rateHz      sampling rate
 * @param channels    the channels, in row order
 */
public record BenchmarkWindow(WindowKey key, int index, int labelIndex, String label, float[][] samples,
                              double rateHz, List<Channel> channels) {
    public BenchmarkWindow {
        channels = List.copyOf(channels);
    }

    /** Samples per channel. */
    public int length() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    /**
     * The window as classifier input, with the channel descriptions the model reads for its patch length.
     *
     * @param datasetDescription the dataset's description (its manifest's)
     * @param patchSeconds       the model's patch length
     */
    public SensorWindow toSensorWindow(String datasetDescription, double patchSeconds) {
        return new SensorWindow(key.toString(), samples, rateHz,
                ChannelDescriptions.describeAll(datasetDescription, channels, rateHz, patchSeconds));
    }
}
