package io.tsfm.training.optim;

/**
 * The reference learning-rate schedule (spec §4.6), stepped once per epoch: linear warm-up
 * {@code (e+1)/warmup} for the first {@code warmup} epochs, then cosine decay from 1 to {@code floor}
 * over the remaining {@code epochs - warmup} epochs. {@code e} counts completed epochs from 0.
 *
 * @param peak    peak learning rate
 * @param warmup  warm-up epochs (reference 3)
 * @param epochs  total epochs (reference 100)
 * @param floor   final factor (reference 0.01)
 */
public record LrSchedule(double peak, int warmup, int epochs, double floor) {
    public LrSchedule {
        if (!(peak > 0)) throw new IllegalArgumentException("peak learning rate must be positive: " + peak);
        if (warmup < 0 || epochs < 1) throw new IllegalArgumentException("warmup >= 0 and epochs >= 1 required");
    }

    /** Learning rate during (0-based) epoch {@code e}. */
    public double at(int e) {
        if (e < warmup) return peak * (e + 1) / warmup;
        int span = Math.max(1, epochs - warmup);
        double progress = Math.min(1.0, (e - warmup) / (double) span);
        return peak * (floor + (1 - floor) * (1 + Math.cos(Math.PI * progress)) / 2);
    }
}
