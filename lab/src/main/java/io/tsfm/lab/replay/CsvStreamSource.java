package io.tsfm.lab.replay;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.datasets.generic.GenericManifest;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.ProblemLog;
import io.tsfm.datasets.resample.LinearResampler;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.DeviceLayout;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.source.Pacer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from a stream of rows in the generic labelled-CSV format ({@code docs/data-generic-csv.md}): a file being
 * replayed, or a live stream such as standard input. The manifest ({@code tsfm-dataset.json}) says which columns are
 * which channels, their units and the rate; label and subject columns are not needed and are ignored.
 *
 * <p>Rows are turned into samples the way the dataset reader does, but incrementally: values are converted to
 * canonical units with the manifest's factors; with a {@code timestamp_column} the rows are resampled by linear
 * interpolation onto the grid {@code t0 + k / rate_hz} (the reader's step, {@link LinearResampler#between}), and a
 * gap longer than {@code max_gap_s} (or a timestamp going backwards) starts a new grid; without one, row {@code i}
 * lies at {@code i / rate_hz}, so a skipped row leaves a one-sample gap that the windowing fills. Samples are cut into
 * frames of {@code frameSeconds}; a frame never spans a gap.
 *
 * <p>Bad input never stops the stream and never goes unreported: a malformed or non-numeric row is skipped and
 * recorded as an error with file, line and column; a missing value (empty cell, NaN, Inf) is carried forward from the
 * channel's previous value and counted as a warning, or, before the channel had any value, the row is skipped with
 * an error. {@link #problems()} lists them; each is also logged.
 *
 * <p>Not thread-safe.
 */
public final class CsvStreamSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(CsvStreamSource.class);

    /** Where event times come from when the rows have timestamps. */
    public enum TimeOrigin {
        /** The first row is stamped with the wall clock when it is read; later rows keep their spacing. */
        WALL_CLOCK,
        /** The timestamps are times since the Unix epoch in the manifest's unit, used as they are. */
        EPOCH
    }

    private final GenericManifest manifest;
    private final String file;
    private final String deviceId;
    private final int frameSamples;
    private final TimeOrigin origin;
    private final Pacer pacer;
    private final DelimitedText text;
    private final DeviceLayout layout;
    private final int[] columns;
    private final double[] scales;
    private final int timeColumn;
    private final ProblemLog log = new ProblemLog();
    private final List<DeviceFrame> ready = new ArrayList<>();

    /** Last value seen per channel (for carrying missing values forward); NaN before the first. */
    private final float[] lastValue;
    private long sequence;
    private boolean eof;
    private int loggedProblems;

    // the current grid: sample k lies at baseMicros + round((gridStartSeconds + k / rate) * 1e6)
    private boolean gridOpen;
    private double gridStartSeconds;
    private long gridIndex;
    private long baseMicros = Long.MIN_VALUE;
    // the previous row (for interpolation)
    private double prevTime;
    private float[] prevRow;
    // the frame being filled
    private float[][] buffer;
    private int buffered;
    private long bufferStartIndex;
    private long rowIndex;

    private CsvStreamSource(Builder b, DelimitedText text) {
        this.manifest = b.manifest;
        this.file = b.name;
        this.deviceId = b.deviceId;
        this.frameSamples = SampleFrame.samplesPerFrame(b.frameSeconds, manifest.rateHz());
        this.origin = b.origin;
        this.pacer = b.pacer;
        this.text = text;
        List<GenericManifest.ChannelSpec> specs = manifest.channels();
        List<Channel> channels = new ArrayList<>();
        columns = new int[specs.size()];
        scales = new double[specs.size()];
        List<String> header = text.header();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            GenericManifest.ChannelSpec spec = specs.get(i);
            columns[i] = header.indexOf(spec.column());
            if (columns[i] < 0) missing.add(spec.column());
            scales[i] = spec.scale();
            channels.add(spec.channel());
        }
        String tc = manifest.timestampColumn().orElse(null);
        timeColumn = tc == null ? -1 : header.indexOf(tc);
        if (tc != null && timeColumn < 0) missing.add(tc);
        if (!missing.isEmpty()) {
            throw new DataFormatException(file, text.headerLine(), 0, "header " + header + " lacks the column(s) "
                    + missing + " named in manifest '" + manifest.name() + "'");
        }
        layout = DeviceLayout.of(channels);
        lastValue = new float[specs.size()];
        java.util.Arrays.fill(lastValue, Float.NaN);
        buffer = new float[specs.size()][frameSamples];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The layout of every frame. */
    public DeviceLayout layout() {
        return layout;
    }

    /** Every problem so far: skipped rows (errors, with file, line, column) and carried-forward values (warnings). */
    public List<ReadProblem> problems() {
        return log.problems();
    }

    @Override
    public DeviceFrame next() throws IOException, InterruptedException {
        while (ready.isEmpty() && !eof) {
            DelimitedText.Row row = text.next(log);
            if (row == null) {
                eof = true;
                flushFrame();
            } else {
                rowIndex += row.skippedBefore();
                accept(row);
                rowIndex++;
            }
            reportNewProblems();
        }
        if (ready.isEmpty()) return null;
        DeviceFrame frame = ready.remove(0);
        pacer.awaitEventTime(frame.endMicros());
        return frame;
    }

    private void accept(DelimitedText.Row row) {
        float[] values = new float[columns.length];
        double time;
        try {
            time = timeColumn < 0 ? rowIndex / manifest.rateHz() : row.number(timeColumn) * manifest.timestampToSeconds();
            if (timeColumn >= 0 && !Double.isFinite(time)) throw row.error(timeColumn, "timestamp is not finite");
            int carried = 0;
            int firstCarried = -1;
            for (int c = 0; c < columns.length; c++) {
                double v = row.numberOrNaN(columns[c]);
                if (!Double.isFinite(v)) {
                    if (Float.isNaN(lastValue[c])) {
                        throw row.error(columns[c], "missing value (" + (row.text(columns[c]).isEmpty() ? "empty cell"
                                : row.text(columns[c])) + ") before channel '" + manifest.channels().get(c).channel().name()
                                + "' had any value to carry forward; row skipped");
                    }
                    values[c] = lastValue[c];
                    carried++;
                    if (firstCarried < 0) firstCarried = columns[c];
                } else {
                    values[c] = (float) (v * scales[c]);
                }
            }
            if (carried > 0) {
                log.warning(file, row.line(), firstCarried + 1, "missing values carried forward from the channel's previous value", carried);
            }
        } catch (DataFormatException e) {
            log.error(e);
            return;
        }
        System.arraycopy(values, 0, lastValue, 0, values.length);
        if (baseMicros == Long.MIN_VALUE) {
            baseMicros = origin == TimeOrigin.EPOCH && timeColumn >= 0 ? 0
                    : Clocks.nowMicros() - Math.round(time * 1e6);
        }
        if (timeColumn < 0) {
            // rows are the grid: a skipped row is a one-sample hole, which ends the frame (frames are contiguous)
            if (!gridOpen || rowIndex != gridStartIndexRow()) startGrid(time);
            emit(values);
            prevTime = time;
            return;
        }
        if (gridOpen) {
            if (time <= prevTime) {
                log.error(file, row.line(), timeColumn + 1, time == prevTime
                        ? "timestamp repeats the previous row's; row skipped"
                        : "timestamp goes backwards (" + time + " s after " + prevTime + " s); a new stretch starts here");
                if (time == prevTime) return;
                startGrid(time);
                emit(values);
            } else if (time - prevTime > manifest.maxGapSeconds()) {
                startGrid(time);
                emit(values);
            } else {
                // every grid point in (prevTime, time]
                double rate = manifest.rateHz();
                while (true) {
                    double g = gridStartSeconds + gridIndex / rate;
                    if (g > time + 1e-9 / rate) break;
                    float[] interpolated = new float[values.length];
                    for (int c = 0; c < values.length; c++) {
                        interpolated[c] = LinearResampler.between(prevTime, prevRow[c], time, values[c], g);
                    }
                    emit(interpolated);
                }
            }
        } else {
            startGrid(time);
            emit(values);
        }
        prevTime = time;
        prevRow = values;
    }

    /** The row index the next sample of a row-indexed grid must have to continue it. */
    private long gridStartIndexRow() {
        return Math.round(gridStartSeconds * manifest.rateHz()) + gridIndex;
    }

    private void startGrid(double time) {
        flushFrame();
        gridOpen = true;
        gridStartSeconds = time;
        gridIndex = 0;
    }

    /** Appends the sample at grid index {@code gridIndex} and moves on. */
    private void emit(float[] values) {
        if (buffered == 0) bufferStartIndex = gridIndex;
        for (int c = 0; c < values.length; c++) buffer[c][buffered] = values[c];
        buffered++;
        gridIndex++;
        if (buffered == frameSamples) flushFrame();
    }

    private void flushFrame() {
        if (buffered == 0) return;
        float[][] samples = new float[buffer.length][buffered];
        for (int c = 0; c < buffer.length; c++) System.arraycopy(buffer[c], 0, samples[c], 0, buffered);
        long start = baseMicros + Math.round((gridStartSeconds + bufferStartIndex / manifest.rateHz()) * 1e6);
        ready.add(new DeviceFrame(deviceId, sequence++, start, manifest.rateHz(), samples, layout));
        buffered = 0;
    }

    private void reportNewProblems() {
        List<ReadProblem> all = log.problems();
        // errors come first in the list and are kept one by one; warnings are merged, so only errors are logged live
        int errors = 0;
        for (ReadProblem p : all) if (p.fatal()) errors++;
        for (int i = loggedProblems; i < errors; i++) LOG.warn("{}: {}", describe(), all.get(i));
        loggedProblems = errors;
    }

    @Override
    public String describe() {
        return "CSV stream " + file + " (manifest '" + manifest.name() + "', device " + deviceId + ")";
    }

    @Override
    public void close() throws IOException {
        text.close();
    }

    /** Builds a {@link CsvStreamSource}; manifest and input are required. */
    public static final class Builder {
        private GenericManifest manifest;
        private InputStream input;
        private String name;
        private String deviceId = "csv-device";
        private double frameSeconds = 0.2;
        private TimeOrigin origin = TimeOrigin.WALL_CLOCK;
        private Pacer pacer = Pacer.unpaced();

        private Builder() {
        }

        /** The manifest saying what the columns are. Required. */
        public Builder setManifest(GenericManifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
            return this;
        }

        /** Reads and checks a {@code tsfm-dataset.json}. Required (or {@link #setManifest(GenericManifest)}). */
        public Builder setManifest(Path manifestFile) throws IOException {
            this.manifest = GenericManifest.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
            return this;
        }

        /** The rows: a header line, then data lines. Closed with the source. Required. */
        public Builder setInput(InputStream input, String name) {
            this.input = Objects.requireNonNull(input, "input");
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Device id of the frames; default {@code csv-device}. */
        public Builder optDeviceId(String deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            return this;
        }

        /** Frame length in seconds; default 0.2. */
        public Builder optFrameSeconds(double frameSeconds) {
            this.frameSeconds = frameSeconds;
            return this;
        }

        /** How timestamps map to event time; default {@link TimeOrigin#WALL_CLOCK}. */
        public Builder optTimeOrigin(TimeOrigin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** Pace for replaying a file; default unpaced (a live stream paces itself). */
        public Builder optPacer(Pacer pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer");
            return this;
        }

        /**
         * Opens the stream and reads its header.
         *
         * @throws DataFormatException when the header lacks a column the manifest names (file and line named)
         */
        public CsvStreamSource build() throws IOException {
            if (manifest == null) throw new IllegalStateException("CsvStreamSource.builder(): setManifest is required");
            if (input == null) throw new IllegalStateException("CsvStreamSource.builder(): setInput is required");
            if (!(frameSeconds > 0)) throw new IllegalArgumentException("optFrameSeconds must be positive, got " + frameSeconds);
            DelimitedText.Format format = DelimitedText.Format.csvWithHeader().delimiter(manifest.delimiter()).quotes(true);
            DelimitedText text = DelimitedText.open(input, name, format);
            try {
                return new CsvStreamSource(this, text);
            } catch (RuntimeException e) {
                text.close();
                throw e;
            }
        }
    }
}
