package io.tsfm.benchmark.report;

import io.tsfm.benchmark.metrics.Score;

/**
 * One cell of a report table: measured (with its {@link Score}), published by the reference (numbers only), or not
 * available (with why). Values are fractions in [0, 1]; the report prints percentages.
 *
 * @param accuracy   accuracy, null when not available
 * @param macroF1    macro-F1, null when not available
 * @param weightedF1 weighted-F1, null when not available
 * @param score      the full measurement; null for published and unavailable cells
 * @param note       why the cell is empty, or a remark
 */
public record CellValue(Double accuracy, Double macroF1, Double weightedF1, Score score, String note) {

    /** A measured cell. */
    public static CellValue measured(Score score) {
        String note = score.complete() ? null : (score.windows() - score.scored()) + " of " + score.windows()
                + " windows not scored (" + score.missing().size() + " missing, " + score.failed().size() + " failed)";
        if (score.metrics() == null) return new CellValue(null, null, null, score, note);
        return new CellValue(score.metrics().accuracy(), score.metrics().macroF1(), score.metrics().weightedF1(),
                score, note);
    }

    /** Numbers the reference published (percent in the source, stored as fractions). */
    public static CellValue published(Double accuracyPercent, Double macroF1Percent) {
        return new CellValue(accuracyPercent == null ? null : accuracyPercent / 100,
                macroF1Percent == null ? null : macroF1Percent / 100, null, null, null);
    }

    /** A cell with no number, and why. */
    public static CellValue notAvailable(String why) {
        return new CellValue(null, null, null, null, why);
    }

    /** Whether the cell holds a number. */
    public boolean hasValue() {
        return accuracy != null || macroF1 != null;
    }
}
