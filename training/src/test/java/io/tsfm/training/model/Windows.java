package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Builds model inputs from plain Java arrays so tests can construct a window and the same window with padding
 * removed from identical numbers.
 */
final class Windows {

    private Windows() {}

    /** Random z-scored-like patches, row-major (B, P, S, C). */
    static float[] randomPatches(Random rnd, int b, int p, int s, int c) {
        float[] x = new float[b * p * s * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /** Random token states, row-major (U, K, T). */
    static float[] randomTokens(Random rnd, int u, int k, int t) {
        float[] x = new float[u * k * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    static boolean[] allTrue(int n) {
        boolean[] m = new boolean[n];
        java.util.Arrays.fill(m, true);
        return m;
    }

    /** A full 6-input NDList with every patch and channel real and channel c described by token row c % u. */
    static NDList fullInputs(NDManager m, TsfmConfig cfg, Random rnd, int b, int p, int c, int u, int k) {
        int s = cfg.getTargetPatchSize();
        long[] index = new long[b * c];
        for (int i = 0; i < index.length; i++) {
            index[i] = (i % c) % u;
        }
        return new NDList(
                m.create(randomPatches(rnd, b, p, s, c), new Shape(b, p, s, c)),
                m.create(allTrue(b * p), new Shape(b, p)),
                m.create(allTrue(b * c), new Shape(b, c)),
                m.create(randomTokens(rnd, u, k, cfg.getContrastiveTextDim()), new Shape(u, k,
                        cfg.getContrastiveTextDim())),
                m.create(allTrue(u * k), new Shape(u, k)),
                m.create(index, new Shape(b, c)));
    }

    /** Unit-norm check helper: max |‖row‖ − 1| over the last axis. */
    static double maxNormError(NDArray x) {
        int last = x.getShape().dimension() - 1;
        float[] norms = x.square().sum(new int[] {last}).sqrt().toFloatArray();
        double worst = 0;
        for (float n : norms) {
            worst = Math.max(worst, Math.abs(n - 1.0));
        }
        return worst;
    }
}
