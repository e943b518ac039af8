package io.tsfm.lab.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The demo as plain lines, for output that is not a terminal (a log, a pipe, a test): one line per prediction and a
 * status line every {@value #STATUS_SECONDS} seconds. Thread-safe (synchronized).
 */
public final class LineView implements DemoView {
    static final double STATUS_SECONDS = 5;

    private final PrintStream out;
    private double lastStatus;

    public LineView(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void started(DemoHeader h) {
        out.printf(Locale.ROOT, "demo: %d devices replaying %d held-out sessions of %s (%s) at %s Hz%n", h.devices(),
                h.sessions(), h.dataset(), h.heldOut(), Format.rate(h.rateHz()));
        out.printf(Locale.ROOT, "demo: model %s (%s, %s), Kafka %s, label set %s v0: %s%n", h.model(), h.modelTier(),
                h.modelId().substring(0, 12), h.bootstrapServers(), h.labelSetId(), String.join(", ", h.labels()));
    }

    @Override
    public synchronized void event(Scoreboard.Event e, double elapsed) {
        out.printf(Locale.ROOT, "%7.1f s  %-8s truth %-22s predicted %-22s %.3f  %-10s latency %-8s [%s v%d]%n",
                elapsed, e.device(), Format.fit(e.truth(), 22), Format.fit(e.predicted(), 22), e.score(),
                verdict(e.verdict()), Format.seconds(e.latencyMicros()), e.labelSetId(), e.labelSetVersion());
    }

    @Override
    public synchronized void labelSetPublished(String id, long version, List<String> labels, double elapsed) {
        out.printf(Locale.ROOT, "%7.1f s  label set %s v%d published on the control topic: %s%n", elapsed, id,
                version, String.join(", ", labels));
    }

    @Override
    public synchronized void refresh(Scoreboard.Snapshot s, double elapsed, double total) {
        if (elapsed - lastStatus < STATUS_SECONDS) return;
        lastStatus = elapsed;
        out.printf(Locale.ROOT, "%7.1f s  -- %d windows, %s windows/s, accuracy %s, latency p50 %s p99 %s, "
                        + "label set v%d, dead letters %d%n", elapsed, s.windows(), Format.rate(s.recentWindowsPerSecond()),
                Format.accuracy(s.right(), s.scored()), Format.seconds(s.p50LatencyMicros()),
                Format.seconds(s.p99LatencyMicros()), Math.max(0, s.activeVersion()), s.deadLetterCount());
    }

    @Override
    public synchronized void stopping(double elapsed) {
        out.printf(Locale.ROOT, "%7.1f s  stopping: devices stopped; the last windows commit, then the job and the "
                + "broker shut down%n", elapsed);
    }

    static String verdict(LabelMatch.Verdict v) {
        return switch (v) {
            case RIGHT -> "right";
            case WRONG -> "wrong";
            case NOT_SCORED -> "not scored";
        };
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
