package io.tsfm.core.math;

import io.tsfm.core.annotation.Internal;

/**
 * The vector arithmetic of scoring, one implementation for serving, export's parity check and the benchmarks: the
 * normalised mean of unit embeddings (a window's patches, a text's tokens) and the label nearest to an embedding.
 * Sums and dot products run in double. Stateless, thread-safe.
 */
@Internal
public final class EmbeddingMath {

    private EmbeddingMath() {
    }

    /** {@code m / max(‖m‖, 1e-12)} of the mean {@code m} of the rows; the epsilon is torch's {@code F.normalize}. */
    public static float[] normalizedMean(float[][] rows) {
        double[] sum = new double[rows[0].length];
        for (float[] r : rows) for (int k = 0; k < sum.length; k++) sum[k] += r[k];
        return normalized(sum, rows.length);
    }

    /**
     * The normalised mean of the rows of {@code flat} (row-major, {@code width} values a row) whose {@code mask} entry
     * is {@code true}.
     *
     * @throws IllegalArgumentException when no row is masked in
     */
    public static float[] normalizedMean(float[] flat, boolean[] mask, int width) {
        double[] sum = new double[width];
        int n = 0;
        for (int r = 0; r < mask.length; r++) {
            if (!mask[r]) continue;
            n++;
            for (int k = 0; k < width; k++) sum[k] += flat[r * width + k];
        }
        if (n == 0) throw new IllegalArgumentException("no row to average: the mask is all false");
        return normalized(sum, n);
    }

    /** The index of the row of {@code labels} with the largest dot product with {@code v}; ties keep the first. */
    public static int argmaxDot(float[] v, float[][] labels) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels.length; j++) {
            double s = dot(v, labels[j]);
            if (s > bestScore) {
                best = j;
                bestScore = s;
            }
        }
        return best;
    }

    /** {@code a · b}, summed in double. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (double) a[k] * b[k];
        return s;
    }

    /** Divides by {@code count} (it cancels, but keeps the values' scale readable) and by the norm. */
    private static float[] normalized(double[] sum, int count) {
        double norm = 0;
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= count;
            norm += sum[k] * sum[k];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] v = new float[sum.length];
        for (int k = 0; k < v.length; k++) v[k] = (float) (sum[k] / norm);
        return v;
    }
}
