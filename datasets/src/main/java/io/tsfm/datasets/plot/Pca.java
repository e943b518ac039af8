package io.tsfm.datasets.plot;

import java.util.Random;

/** Top-two principal components by power iteration with deflation; enough for a 2-D picture. */
final class Pca {
    private Pca() {}

    static double[][] project2(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) c[i][j] = x[i][j] - mean[j];
        double[] v1 = component(c, null);
        double[] v2 = component(c, v1);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = dot(c[i], v1);
            out[i][1] = dot(c[i], v2);
        }
        return out;
    }

    private static double[] component(double[][] c, double[] orthogonalTo) {
        int d = c[0].length;
        Random rng = new Random(42);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) v[j] = rng.nextGaussian();
        for (int it = 0; it < 100; it++) {
            if (orthogonalTo != null) subtractProjection(v, orthogonalTo);
            double[] w = new double[d];
            for (double[] row : c) {
                double p = dot(row, v);
                for (int j = 0; j < d; j++) w[j] += p * row[j];
            }
            if (orthogonalTo != null) subtractProjection(w, orthogonalTo);
            double norm = Math.sqrt(dot(w, w));
            if (norm == 0) break;
            for (int j = 0; j < d; j++) v[j] = w[j] / norm;
        }
        return v;
    }

    private static void subtractProjection(double[] v, double[] u) {
        double p = dot(v, u);
        for (int j = 0; j < v.length; j++) v[j] -= p * u[j];
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
