package io.tsfm.benchmark.baseline.neural;

import java.util.Random;
import java.util.TreeSet;

/**
 * LiMU-BERT's span masking ({@code span_mask} with its pretraining settings): 15 % of the time steps (18 of 120)
 * chosen as spans whose length n ∈ 1..10 is drawn with probability ∝ {@code 0.2·0.8^(n-1)}, each starting at a
 * random step (a start already masked is redrawn; a span stops before the last step and at the goal). With
 * probability 0.8 the chosen steps are zeroed in the input, otherwise the input is left as it is; the loss is taken
 * on the chosen steps either way. Not thread-safe (one generator).
 */
public final class SpanMask {
    /** Masked share of the steps. */
    public static final double RATIO = 0.15;
    /** Longest span. */
    public static final int MAX_GRAM = 10;
    /** Probability that the chosen steps are zeroed. */
    public static final double ZERO_PROB = 0.8;
    private static final double P = 0.2;

    private final Random rng;
    private final double[] cumulative;

    public SpanMask(Random rng) {
        this.rng = rng;
        cumulative = new double[MAX_GRAM];
        double sum = 0;
        for (int i = 0; i < MAX_GRAM; i++) sum += P * Math.pow(1 - P, i);
        double acc = 0;
        for (int i = 0; i < MAX_GRAM; i++) {
            acc += P * Math.pow(1 - P, i) / sum;
            cumulative[i] = acc;
        }
    }

    /** The chosen steps of a sequence of {@code length}: exactly {@code max(1, round(length·0.15))} of them. */
    public boolean[] positions(int length) {
        int goal = Math.max(1, (int) Math.round(length * RATIO));
        TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < goal) {
            double u = rng.nextDouble();
            int n = 1;
            while (n < MAX_GRAM && u > cumulative[n - 1]) n++;
            n = Math.min(n, goal - chosen.size());
            int anchor = rng.nextInt(length);
            if (chosen.contains(anchor)) continue;
            for (int i = anchor; i < Math.min(anchor + n, length - 1); i++) chosen.add(i);
        }
        boolean[] out = new boolean[length];
        for (int i : chosen) out[i] = true;
        return out;
    }

    /** Whether this sample's chosen steps are zeroed in the input. */
    public boolean zeroes() {
        return rng.nextDouble() < ZERO_PROB;
    }
}
