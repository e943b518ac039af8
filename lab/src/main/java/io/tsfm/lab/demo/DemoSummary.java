package io.tsfm.lab.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The lines a demo run ends with. Stateless. */
public final class DemoSummary {
    private DemoSummary() {
    }

    public static void print(PrintStream out, DemoData data, DemoRun.Settings settings, DemoRun.Result r) {
        Scoreboard.Snapshot s = r.snapshot();
        out.println();
        out.printf(Locale.ROOT, "summary: %d windows predicted for %d devices in %.1f s (%s windows/s); stopped by %s%n",
                s.windows(), settings.devices(), r.seconds(), Format.rate(s.windowsPerSecond()), r.stoppedBy());
        out.printf(Locale.ROOT, "  accuracy so far: %s on %s, %d windows not scored%n",
                Format.accuracy(s.right(), s.scored()), data.dataset(), s.windows() - s.scored());
        for (Scoreboard.VersionStats v : s.versions()) {
            out.printf(Locale.ROOT, "    label set %s v%d, %s over %d labels: %s over %d windows%n", DemoRun.LABEL_SET_ID,
                    v.version(), v.openSet() ? "open-set (synonym-group match)" : "closed-set", v.labels().size(),
                    Format.accuracy(v.right(), v.scored()), v.windows());
        }
        out.printf(Locale.ROOT, "  latency, frame completing a window sent -> prediction read (read_committed): "
                + "p50 %s, p99 %s; job processing p50 %s%n", Format.seconds(s.p50LatencyMicros()),
                Format.seconds(s.p99LatencyMicros()), Format.millis(s.p50ProcessingMicros()));
        if (r.fleet() != null) {
            out.printf(Locale.ROOT, "  fleet: %d frames sent, %d dropped, %d duplicated, %d send failures%n",
                    r.fleet().framesSent(), r.fleet().framesDropped(), r.fleet().framesDuplicated(),
                    r.fleet().sendFailures());
        }
        Map<String, Long> dead = new TreeMap<>(s.deadLetters());
        out.printf(Locale.ROOT, "  dead letters: %d%s%s%n", s.deadLetterCount(), dead.isEmpty() ? "" : " " + dead,
                s.undecodable() > 0 ? ", " + s.undecodable() + " undecodable output records" : "");
        out.printf(Locale.ROOT, "  shut down: job cancelled, broker %s stopped, its temporary files removed%n",
                r.bootstrapServers());
    }
}
