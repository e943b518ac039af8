package io.tsfm.simulation.dataset;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.simulation.sensor.BodySite;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a simulated dataset holds: hours per label and site, and the clips refused or failed, with why. */
public final class SimulationReport {
    private SimulationReport() {}

    /** A plain-text table: one row per label, one column per body site (hours), then totals and problems. */
    public static String of(Dataset d) {
        Map<String, double[]> hours = new TreeMap<>();
        double[] total = new double[BodySite.values().length];
        for (Session s : d.sessions()) {
            int site = SimulationCache.site(s).ordinal();
            double h = s.durationSeconds() / 3600;
            hours.computeIfAbsent(s.label(), k -> new double[total.length])[site] += h;
            total[site] += h;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d sessions, %.2f hours over %d sites (%.2f hours of motion)%n", d.name(),
                d.sessions().size(), d.hours(), total.length, d.hours() / total.length));
        b.append(String.format(Locale.ROOT, "%-26s", "hours per label and site"));
        for (BodySite s : BodySite.values()) b.append(String.format(Locale.ROOT, " %8s", abbreviation(s)));
        b.append(String.format("%n"));
        for (Map.Entry<String, double[]> e : hours.entrySet()) {
            b.append(String.format(Locale.ROOT, "%-26s", e.getKey()));
            for (double h : e.getValue()) b.append(String.format(Locale.ROOT, " %8.3f", h));
            b.append(String.format("%n"));
        }
        b.append(String.format(Locale.ROOT, "%-26s", "all"));
        for (double h : total) b.append(String.format(Locale.ROOT, " %8.3f", h));
        b.append(String.format("%n"));
        long refused = 0, failed = 0;
        for (ReadProblem p : d.problems()) {
            if (p.message().startsWith(MocapSimReader.REFUSED)) refused += p.count();
            else if (p.fatal()) failed += p.count();
        }
        b.append(String.format(Locale.ROOT, "%nclips refused: %d, clips failed: %d%n", refused, failed));
        for (ReadProblem p : d.problems()) b.append("  ").append(p.count()).append(" x ").append(p).append(String.format("%n"));
        return b.toString();
    }

    private static String abbreviation(BodySite s) {
        String[] w = s.position().split(" ");
        StringBuilder b = new StringBuilder();
        for (String x : w) b.append(x, 0, Math.min(x.length(), w.length == 1 ? 8 : 4)).append(w.length == 1 ? "" : ".");
        return b.length() > 8 ? b.substring(0, 8) : b.toString();
    }
}
