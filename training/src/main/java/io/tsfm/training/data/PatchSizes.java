package io.tsfm.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Patch length per dataset, in seconds (spec §1.4-6): a default, and for training a grid
 * {@code min, min+step, ...} up to {@code min(max, session duration)} drawn uniformly. Datasets without
 * an entry use 1.0 s over the grid 0.75..1.25 (the most common setting of the reference).
 *
 * @param defaultSeconds patch length for validation and for sessions shorter than {@code min}
 * @param min            smallest grid value
 * @param max            largest grid value
 * @param step           grid step
 */
public record PatchSizes(double defaultSeconds, double min, double max, double step) {
    /** The reference's table for datasets it trained on, plus choices for ours (same rule: ~30-60 samples). */
    private static final Map<String, PatchSizes> TABLE = Map.of(
            "hapt", new PatchSizes(1.25, 0.75, 1.25, 0.25),
            "uci_har", new PatchSizes(1.0, 0.75, 1.25, 0.25),
            "hmp", new PatchSizes(1.5, 1.0, 2.0, 0.5),
            "utd_mhad", new PatchSizes(1.0, 0.75, 1.25, 0.25));
    private static final PatchSizes FALLBACK = new PatchSizes(1.0, 0.75, 1.25, 0.25);

    public static PatchSizes forDataset(String name) {
        return TABLE.getOrDefault(name, FALLBACK);
    }

    /** Grid values not longer than {@code durationSeconds}. */
    public List<Double> grid(double durationSeconds) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            double v = Math.round((min + i * step) * 1e6) / 1e6;
            if (v > max + 1e-9 || v > durationSeconds + 1e-9) break;
            out.add(v);
        }
        return out;
    }

    /**
     * A training patch length: uniform over the grid that fits; the default when the session is shorter
     * than {@code min}; the whole session as one patch when even the default does not fit.
     */
    public double sample(double durationSeconds, Random rng) {
        List<Double> g = grid(durationSeconds);
        double p = g.isEmpty() ? defaultSeconds : g.get(rng.nextInt(g.size()));
        return Math.min(p, durationSeconds);
    }
}
