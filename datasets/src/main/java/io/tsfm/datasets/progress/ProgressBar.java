package io.tsfm.datasets.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress bar for long jobs: done/total, rate, ETA and a free-text status,
 * redrawn in place at most a few times per second. On a non-terminal (CI logs) it prints a plain line
 * every {@code plainEverySeconds} instead of carriage returns. Not thread-safe.
 */
public final class ProgressBar {
    private final PrintStream out;
    private final String title;
    private final String unit;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private final double plainEverySeconds;
    private long total;
    private long lastDraw;
    private long lastPlain;

    public ProgressBar(PrintStream out, String title, long total, String unit) {
        this(out, title, total, unit, System.console() != null, 30);
    }

    public ProgressBar(PrintStream out, String title, long total, String unit, boolean interactive, double plainEverySeconds) {
        this.out = out;
        this.title = title;
        this.total = total;
        this.unit = unit;
        this.interactive = interactive;
        this.plainEverySeconds = plainEverySeconds;
    }

    /** Changes the expected total (e.g. when it becomes known after the first pass). */
    public void setTotal(long total) {
        this.total = total;
    }

    /** Seconds since the bar was created. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Reports progress; draws if enough time passed since the last draw. */
    public void update(long done, String status) {
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDraw < 200_000_000L && done < total) return;
            lastDraw = now;
            out.print("\r" + line(done, status) + "\u001b[K");
        } else {
            if (now - lastPlain < plainEverySeconds * 1e9 && done < total) return;
            lastPlain = now;
            out.println(line(done, status));
        }
        out.flush();
    }

    /** Ends the bar with a final line. */
    public void finish(long done, String status) {
        if (interactive) {
            out.print("\r" + line(done, status) + "\u001b[K\n");
        } else {
            out.println(line(done, status));
        }
        out.flush();
    }

    String line(long done, String status) {
        double secs = elapsedSeconds();
        double rate = secs > 0 ? done / secs : 0;
        double frac = total > 0 ? Math.min(1.0, done / (double) total) : 0;
        int width = 24;
        int fill = (int) Math.round(frac * width);
        String bar = "#".repeat(fill) + ".".repeat(width - fill);
        String eta = rate > 0 && total > done ? clock((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "%s [%s] %3.0f%% %d/%d %s, %.1f %s/s, elapsed %s, ETA %s%s",
                title, bar, 100 * frac, done, total, unit, rate, unit, clock(secs), eta,
                status == null || status.isEmpty() ? "" : "  " + status);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
