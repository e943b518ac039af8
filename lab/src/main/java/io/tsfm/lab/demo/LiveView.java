package io.tsfm.lab.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo on a terminal: a table of the devices (true activity, predicted activity, score, latency, windows) and a
 * status block, redrawn in place with plain ANSI escapes (cursor up, erase line; no library, no full-screen mode, so
 * the summary afterwards stays below the last frame). Thread-safe (synchronized).
 */
public final class LiveView implements DemoView {
    private static final String ERASE_LINE = "\033[2K";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";
    private static final String GREEN = "\033[32m";
    private static final String RED = "\033[31m";
    private static final String DIM = "\033[2m";
    private static final String BOLD = "\033[1m";
    private static final String RESET = "\033[0m";

    private final PrintStream out;
    private DemoHeader header;
    private String lastSwitch = "";
    private int drawn;
    private boolean stopping;

    public LiveView(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void started(DemoHeader h) {
        this.header = h;
        out.print(HIDE_CURSOR);
        out.printf(Locale.ROOT, "%sTSFM live demo%s  %s (%s), %d sessions, %d devices at %s Hz%n", BOLD, RESET,
                h.dataset(), h.heldOut(), h.sessions(), h.devices(), Format.rate(h.rateHz()));
        out.printf(Locale.ROOT, "model %s (%s, %s)  Kafka %s  Flink MiniCluster in this process%n%n", h.model(),
                h.modelTier(), h.modelId().substring(0, 12), h.bootstrapServers());
        out.flush();
    }

    @Override
    public void event(Scoreboard.Event event, double elapsed) {
        // the table shows the latest window per device at the next refresh
    }

    @Override
    public synchronized void labelSetPublished(String id, long version, List<String> labels, double elapsed) {
        lastSwitch = String.format(Locale.ROOT, "at %s published %s v%d on the control topic", Format.clock(elapsed),
                id, version);
    }

    @Override
    public synchronized void stopping(double elapsed) {
        stopping = true;
    }

    @Override
    public synchronized void refresh(Scoreboard.Snapshot s, double elapsed, double total) {
        List<String> lines = new ArrayList<>();
        long version = Math.max(0, s.activeVersion());
        List<String> labels = s.versions().stream().filter(v -> v.version() == version).findFirst()
                .map(Scoreboard.VersionStats::labels).orElse(header.labels());
        lines.add(String.format(Locale.ROOT, "label set %s v%d%s: %s", header.labelSetId(), version,
                lastSwitch.isEmpty() ? "" : " (" + lastSwitch + ")", Format.fit(String.join(", ", labels), 90)));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%s%-10s %-24s %-24s %6s  %-5s %9s %8s%s", BOLD, "device", "true activity",
                "predicted activity", "score", "", "latency", "windows", RESET));
        for (String device : s.devices()) {
            Scoreboard.Event e = s.latest().get(device);
            if (e == null) {
                lines.add(String.format(Locale.ROOT, "%s%-10s %-24s%s", DIM, device, "waiting for its first window",
                        RESET));
                continue;
            }
            String colour = switch (e.verdict()) {
                case RIGHT -> GREEN;
                case WRONG -> RED;
                case NOT_SCORED -> DIM;
            };
            String mark = switch (e.verdict()) {
                case RIGHT -> "right";
                case WRONG -> "wrong";
                case NOT_SCORED -> "n/a";
            };
            lines.add(String.format(Locale.ROOT, "%-10s %-24s %s%-24s %6.3f  %-5s%s %9s %8d", device,
                    Format.fit(e.truth(), 24), colour, Format.fit(e.predicted(), 24), e.score(), mark, RESET,
                    Format.seconds(e.latencyMicros()), s.windowsPerDevice().getOrDefault(device, 0L)));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "windows/s %s   accuracy so far %s   latency p50 %s  p99 %s   dead letters %d",
                Format.rate(s.recentWindowsPerSecond()), Format.accuracy(s.right(), s.scored()),
                Format.seconds(s.p50LatencyMicros()), Format.seconds(s.p99LatencyMicros()), s.deadLetterCount()));
        lines.add(stopping ? DIM + "stopping: the last windows commit, then the job and the broker shut down" + RESET
                : String.format(Locale.ROOT, "%s%s of %s   Ctrl-C stops%s", DIM, Format.clock(elapsed),
                total > 0 ? Format.clock(total) : "until Ctrl-C", RESET));
        StringBuilder b = new StringBuilder();
        if (drawn > 0) b.append("\033[").append(drawn).append('A');
        for (String line : lines) b.append('\r').append(ERASE_LINE).append(line).append('\n');
        for (int i = lines.size(); i < drawn; i++) b.append(ERASE_LINE).append('\n'); // a shorter frame than before
        drawn = Math.max(drawn, lines.size());
        out.print(b);
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.print(RESET + SHOW_CURSOR);
        out.println();
        out.flush();
    }
}
