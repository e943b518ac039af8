package io.tsfm.lab.demo;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Diverts {@code System.err} while the live view redraws the terminal (a log line in between would tear the table;
 * the CLI's log appender follows {@code System.err}), keeping the newest {@value #KEPT} lines and a count, and puts
 * the stream back on {@link #close}. Thread-safe.
 */
public final class HeldLogs implements AutoCloseable {
    static final int KEPT = 20;

    private final PrintStream original;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long count;

    private HeldLogs() {
        this.original = System.err;
        System.setErr(new PrintStream(new LineCollector(), true, StandardCharsets.UTF_8));
    }

    /** Starts holding {@code System.err} back. */
    public static HeldLogs divert() {
        return new HeldLogs();
    }

    /** Puts {@code System.err} back. */
    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    /** Lines held back so far. */
    public synchronized long count() {
        return count;
    }

    /** The newest lines held back. */
    public synchronized List<String> newest() {
        return List.copyOf(lines);
    }

    private synchronized void add(String line) {
        count++;
        lines.addLast(line);
        if (lines.size() > KEPT) lines.pollFirst();
    }

    /** Splits what is written into lines. */
    private final class LineCollector extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) write(b[i]);
        }
    }
}
