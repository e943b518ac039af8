package io.tsfm.benchmark.stream;

import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Units;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.datasets.eval.EvalWindows;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LayoutRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one pass of benchmark windows becomes IMU frames: every benchmark device (a subject's concatenated table,
 * {@link WindowKey#device()}) is one stream device whose sample {@code j} lies at event time
 * {@code startMicros + j / rate}, so the job's 6 s tumbling grid (window ends on multiples of 6 s since the epoch,
 * {@code startMicros} one of them) cuts exactly the benchmark's windows. Only the samples of the windows asked for
 * are sent; a window not asked for is a silent stretch of event time and yields no job window.
 *
 * <p>Frames never cross a window boundary, carry the layout inline in a device's first frame (then a reference),
 * and the channel descriptions the direct path gives the model (dataset description, channel description, rate and
 * patch suffix), in canonical units so the job converts nothing. {@link #frames()} are in event-time order across
 * devices, the order a fleet's frames reach Kafka, so the watermark never overtakes a device. Immutable.
 */
final class ReplayPlan {

    /** One frame to send, with the partition slot of its device. */
    record Planned(String deviceId, int deviceIndex, long startMicros, ImuFrame frame) {}

    private final long startMicros;
    private final long endMicros;
    private final List<Planned> frames;
    private final Map<String, String> benchmarkDevice;
    private final Map<String, Double> rates;
    private final List<String> devices;

    private ReplayPlan(long startMicros, long endMicros, List<Planned> frames, Map<String, String> benchmarkDevice,
                       Map<String, Double> rates) {
        this.startMicros = startMicros;
        this.endMicros = endMicros;
        this.frames = List.copyOf(frames);
        this.benchmarkDevice = Map.copyOf(benchmarkDevice);
        this.rates = Map.copyOf(rates);
        this.devices = List.copyOf(benchmarkDevice.keySet());
    }

    /**
     * Plans a pass.
     *
     * @param windows            the pass's windows (any order; one dataset)
     * @param datasetDescription the dataset's description, the start of every channel text
     * @param patchSeconds       the model's patch length, named in the channel texts
     * @param devicePrefix       prefix of this pass's stream device ids (distinct per pass)
     * @param startMicros        event time of every device's sample 0; a multiple of the window length
     * @param windowMillis       the job's window length (and hop)
     * @param frameSamples       most samples per frame
     * @throws IllegalArgumentException when a window does not fill the job's grid exactly (its rate times 6 s is
     *                                  not a whole number of samples), naming the window
     */
    static ReplayPlan of(List<BenchmarkWindow> windows, String datasetDescription, double patchSeconds,
                         String devicePrefix, long startMicros, long windowMillis, int frameSamples) {
        if (startMicros % (windowMillis * 1000) != 0) {
            throw new IllegalArgumentException("replay start " + startMicros + " us is not on the " + windowMillis
                    + " ms grid");
        }
        Map<String, List<BenchmarkWindow>> byDevice = new LinkedHashMap<>();
        List<BenchmarkWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(BenchmarkWindow::key));
        for (BenchmarkWindow w : sorted) byDevice.computeIfAbsent(w.key().device(), d -> new ArrayList<>()).add(w);

        Map<String, String> benchmarkDevice = new LinkedHashMap<>();
        Map<String, Double> rates = new HashMap<>();
        List<Planned> frames = new ArrayList<>();
        long end = startMicros;
        int index = 0;
        for (Map.Entry<String, List<BenchmarkWindow>> e : byDevice.entrySet()) {
            String deviceId = devicePrefix + e.getKey();
            benchmarkDevice.put(deviceId, e.getKey());
            BenchmarkWindow first = e.getValue().get(0);
            double rate = first.rateHz();
            rates.put(deviceId, rate);
            ChannelLayout layout = layout(first, datasetDescription, patchSeconds);
            long sequence = 0;
            for (BenchmarkWindow w : e.getValue()) {
                check(w, rate, first, windowMillis);
                int n = w.length();
                for (int from = 0; from < n; from += frameSamples) {
                    int to = Math.min(n, from + frameSamples);
                    long t = startMicros + SampleFrame.offsetMicros(w.key().startSample() + from, rate);
                    ImuFrame f = ImuFrame.newBuilder()
                            .setDeviceId(deviceId)
                            .setSequence(sequence)
                            .setFirstSampleEpochMicros(t)
                            .setSampleRateHz(rate)
                            .setChannelCount(w.samples().length)
                            .setSamples(ImuFrames.sampleList(rowMajor(w.samples(), from, to)))
                            .setLayout(sequence == 0 ? layout : new LayoutRef(layout.getLayoutId()))
                            .setSentAtEpochMicros(null)
                            .build();
                    frames.add(new Planned(deviceId, index, t, f));
                    sequence++;
                }
                end = Math.max(end, startMicros + SampleFrame.offsetMicros(w.key().startSample() + n, rate));
            }
            index++;
        }
        // stable: a device's frames keep their order; devices interleave by event time
        frames.sort(Comparator.comparingLong(Planned::startMicros));
        return new ReplayPlan(startMicros, end, frames, benchmarkDevice, rates);
    }

    private static void check(BenchmarkWindow w, double rate, BenchmarkWindow first, long windowMillis) {
        if (w.rateHz() != rate) {
            throw new IllegalArgumentException("window " + w.key() + ": rate " + w.rateHz() + " Hz differs from "
                    + rate + " Hz of " + first.key());
        }
        if (!w.channels().equals(first.channels())) {
            throw new IllegalArgumentException("window " + w.key() + ": channels differ from those of " + first.key());
        }
        double seconds = windowMillis / 1000.0;
        int samples = EvalWindows.windowSamples(rate, seconds);
        if (w.length() != samples || Math.abs(samples / rate - seconds) > 1e-9) {
            throw new IllegalArgumentException("window " + w.key() + ": " + w.length() + " samples at " + rate
                    + " Hz do not fill the job's " + windowMillis + " ms window exactly; the stream path needs rate x "
                    + seconds + " s to be a whole number of samples");
        }
        if (w.key().startSample() % samples != 0) {
            throw new IllegalArgumentException("window " + w.key() + ": start sample " + w.key().startSample()
                    + " is not a multiple of the window length " + samples + ", so it is not on the job's grid");
        }
    }

    private static ChannelLayout layout(BenchmarkWindow w, String datasetDescription, double patchSeconds) {
        List<String> texts = ChannelDescriptions.describeAll(datasetDescription, w.channels(), w.rateHz(),
                patchSeconds);
        List<ChannelSpec> specs = new ArrayList<>();
        for (int c = 0; c < w.channels().size(); c++) {
            Channel ch = w.channels().get(c);
            // the samples are in the canonical unit of their kind already: the job must convert nothing
            specs.add(new ChannelSpec(ch.name(), Units.statedCanonical(ch.kind()), texts.get(c)));
        }
        return new ChannelLayout("bench", specs);
    }

    private static float[] rowMajor(float[][] samples, int from, int to) {
        int channels = samples.length;
        float[] out = new float[channels * (to - from)];
        for (int t = from; t < to; t++) {
            for (int c = 0; c < channels; c++) out[(t - from) * channels + c] = samples[c][t];
        }
        return out;
    }

    /** Event time of every device's sample 0, µs. */
    long startMicros() {
        return startMicros;
    }

    /** Event time just after the last sample sent, µs. */
    long endMicros() {
        return endMicros;
    }

    /** Every frame, in event-time order. */
    List<Planned> frames() {
        return frames;
    }

    /** The stream device ids, in benchmark device order. */
    List<String> devices() {
        return devices;
    }

    /**
     * The window key a prediction of {@code deviceId} for the window starting at {@code windowStartMicros} answers
     * (the nearest sample; a window the pass did not ask for becomes a key the runner reports as unexpected), or null
     * when the device is not one of this plan's or the start lies before its first sample.
     */
    WindowKey keyOf(String dataset, String deviceId, long windowStartMicros) {
        String device = benchmarkDevice.get(deviceId);
        if (device == null) return null;
        long sample = Math.round((windowStartMicros - startMicros) * rates.get(deviceId) / 1e6);
        if (sample < 0 || sample > Integer.MAX_VALUE) return null;
        return new WindowKey(dataset, device, (int) sample);
    }

    @Override
    public String toString() {
        return "ReplayPlan[" + devices.size() + " devices, " + frames.size() + " frames, event time "
                + startMicros + ".." + endMicros + " us]";
    }
}
