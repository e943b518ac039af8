package io.tsfm.export.onnx.testing;

/** The error function in double precision (Java has none): Taylor series below 3, continued fraction above. */
public final class Erf {

    private Erf() {}

    /** {@code erf(x)} to about 1e-14. */
    public static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
            double term = a;
            double sum = a;
            for (int n = 1; n < 100; n++) {
                term *= -a * a / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
            double k = a;
            for (int n = 200; n >= 1; n--) {
                k = a + (n / 2.0) / k;
            }
            r = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * k);
        }
        return x < 0 ? -r : r;
    }
}
