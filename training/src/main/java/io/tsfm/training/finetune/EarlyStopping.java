package io.tsfm.training.finetune;

/**
 * Early stopping on a validation score, the rule of the reference's fine-tuning (spec §6.5, §6.6): an epoch improves
 * when its score is strictly above every earlier one (its state is the one to keep), and training stops once
 * {@code patience} epochs in a row have not improved. Not thread-safe; one per training run.
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;

    /** @param patience epochs without improvement before {@link #exhausted()}; at least 1 */
    public EarlyStopping(int patience) {
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        this.patience = patience;
    }

    /** Records {@code epoch}'s score; returns whether it improved (keep this epoch's state). NaN never improves. */
    public boolean record(int epoch, double score) {
        if (score > best) {
            best = score;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether {@code patience} epochs in a row have passed without improvement. */
    public boolean exhausted() {
        return sinceBest >= patience;
    }

    /** The best score so far ({@code -∞} before any epoch improved). */
    public double best() {
        return best;
    }

    /** The epoch of the best score (0 before any epoch improved). */
    public int bestEpoch() {
        return bestEpoch;
    }
}
