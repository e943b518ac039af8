package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.datasets.reading.DelimitedText.Row;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.util.Objects;

/**
 * Cuts a stream of samples into continuous single-key runs (key = subject, recording and activity): a run ends
 * when the key changes, when the caller cuts it (a skipped bad row, an unlabelled stretch) or when the clock
 * jumps by more than {@code maxGapSeconds}. {@link #feed} drives it from a file's rows. Samples whose time does not advance are refused so the caller can
 * report them. Not thread-safe.
 *
 * @param <K> run key
 */
final class RunCutter<K> {
    /** Receives each finished, non-empty run. */
    interface Sink<K> {
        void accept(K key, SampleBuffer run);
    }

    private final int channels;
    private final double maxGapSeconds;
    private final Sink<K> sink;
    private K key;
    private SampleBuffer run;

    RunCutter(int channels, double maxGapSeconds, Sink<K> sink) {
        this.channels = channels;
        this.maxGapSeconds = maxGapSeconds;
        this.sink = sink;
    }

    /** Appends a sample; false (sample not taken) when its time is not after the previous sample's. */
    boolean add(K k, double time, float[] sample, long line) {
        if (run != null && !Objects.equals(k, key)) cut();
        if (run != null) {
            double dt = time - run.lastTime();
            if (!(dt > 0)) return false;
            if (dt > maxGapSeconds) cut();
        }
        if (run == null) {
            run = new SampleBuffer(channels);
            key = k;
        }
        run.append(time, sample, line);
        return true;
    }

    /** Handles one row; a {@link DataFormatException} rejects it. */
    interface RowHandler {
        /** @param n the row's 1-based number among the rows fed, rejected ones included */
        void accept(Row row, long n);
    }

    /**
     * Feeds every remaining row of {@code rows} to {@code handler}, then ends the stream. A row the handler
     * rejects is logged and ends the current run, since the rows either side of it are not contiguous.
     */
    void feed(DelimitedText rows, ReadLog log, RowHandler handler) throws IOException {
        long n = 0;
        Row row;
        while ((row = rows.next()) != null) {
            n++;
            try {
                handler.accept(row, n);
            } catch (DataFormatException e) {
                log.error(e);
                cut();
            }
        }
        finish();
    }

    /** Ends the current run here. */
    void cut() {
        if (run != null && !run.isEmpty()) sink.accept(key, run);
        run = null;
        key = null;
    }

    /** Ends the stream. */
    void finish() {
        cut();
    }
}
