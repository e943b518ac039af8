package io.tsfm.export.bundle;

import java.util.List;
import java.util.Locale;

/**
 * How closely a bundle served by ONNX Runtime reproduces the DJL model on real windows: the largest absolute
 * differences of each output and the windows whose predicted label differs.
 *
 * @param windows            windows compared
 * @param datasets           the datasets they came from
 * @param maxPatchDiff       max |Δ| over every per-patch embedding value (0 for pooled tiers)
 * @param maxWindowDiff      max |Δ| over every session-embedding value
 * @param maxChannelDiff     max |Δ| over the channel-description vectors {@code ch}
 * @param maxLabelDiff       max |Δ| over label embeddings of texts outside the vocabulary (the serving text path)
 * @param closedSetMismatches windows whose closed-set prediction (their dataset's labels) differs
 * @param openSetMismatches  windows whose open-set prediction (the whole vocabulary) differs
 * @param largestMismatchMargin how much better, under DJL, DJL's label scored than the label ONNX chose, at most over
 *                           the differing predictions (0 when none differ): a margin near float rounding (≲ 1e-6)
 *                           means near-ties, i.e. label embeddings that barely differ
 * @param examples           a few mismatches, described
 * @param tolerance          the largest |Δ| accepted
 */
public record ParityReport(int windows, List<String> datasets, double maxPatchDiff, double maxWindowDiff,
                           double maxChannelDiff, double maxLabelDiff, int closedSetMismatches,
                           int openSetMismatches, double largestMismatchMargin, List<String> examples,
                           double tolerance) {

    /** A margin below this is a near-tie: rounding, not a different model, decided the prediction. */
    public static final double NEAR_TIE = 1e-5;

    /** The largest difference of any output. */
    public double maxDiff() {
        return Math.max(Math.max(maxPatchDiff, maxWindowDiff), Math.max(maxChannelDiff, maxLabelDiff));
    }

    /** Whether every difference is within tolerance and no prediction differs. */
    public boolean passed() {
        return windows > 0 && maxDiff() <= tolerance && closedSetMismatches == 0 && openSetMismatches == 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "parity on %d real windows of %s: max |Δ| patch embeddings %.2e, window "
                        + "embeddings %.2e, channel vectors %.2e, label embeddings %.2e (tolerance %.0e); predictions "
                        + "differing: %d closed-set, %d open-set%s", windows, datasets, maxPatchDiff, maxWindowDiff,
                maxChannelDiff, maxLabelDiff, tolerance, closedSetMismatches, openSetMismatches,
                examples.isEmpty() ? "" : " " + examples)
                + (largestMismatchMargin > 0 && largestMismatchMargin < NEAR_TIE ? String.format(Locale.ROOT,
                "; every differing prediction is a near-tie (DJL margin <= %.1e): the model scores its labels almost "
                        + "identically (an undertrained or collapsed label encoder), so rounding decides", largestMismatchMargin)
                : "");
    }
}
