package io.tsfm.datasets.reading;

/**
 * The documented policy for non-finite samples (NaN, ±Inf): each is replaced by the previous finite
 * value of its channel (forward fill), leading ones by the first finite value (backward fill), and an
 * all-non-finite channel by zeros, as the reference loader does. Readers report the count as a warning.
 */
public final class MissingValues {
    private MissingValues() {}

    /**
     * Repairs {@code data[channel][t]} in place.
     *
     * @return how many samples were replaced
     */
    public static long fill(float[][] data) {
        long repaired = 0;
        for (float[] ch : data) {
            int firstFinite = -1;
            for (int t = 0; t < ch.length; t++) {
                if (Float.isFinite(ch[t])) { firstFinite = t; break; }
            }
            if (firstFinite < 0) {
                repaired += ch.length;
                java.util.Arrays.fill(ch, 0f);
                continue;
            }
            for (int t = 0; t < firstFinite; t++) {
                ch[t] = ch[firstFinite];
                repaired++;
            }
            for (int t = firstFinite + 1; t < ch.length; t++) {
                if (!Float.isFinite(ch[t])) {
                    ch[t] = ch[t - 1];
                    repaired++;
                }
            }
        }
        return repaired;
    }
}
