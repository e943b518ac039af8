package io.tsfm.training.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Class probabilities of a list of windows over a label list: the softmax of a fine-tuned model's logits, row per
 * window. Several runs' probabilities of the same windows average into an ensemble ({@link #mean}). Immutable;
 * thread-safe.
 */
public final class ClassProbabilities {
    private final List<String> labels;
    private final double[][] rows;

    /**
     * The softmax over each row of {@code logits}.
     *
     * @param labels the label of each column
     * @param logits {@code [window][label]}
     * @throws IllegalArgumentException when a row's length is not the number of labels, or a logit is not finite
     */
    public static ClassProbabilities softmax(List<String> labels, float[][] logits) {
        double[][] rows = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            float[] z = logits[i];
            if (z.length != labels.size()) {
                throw new IllegalArgumentException("window " + i + " has " + z.length + " logits for "
                        + labels.size() + " labels");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                if (!Float.isFinite(v)) throw new IllegalArgumentException("window " + i + " has a logit " + v);
                max = Math.max(max, v);
            }
            double[] p = new double[z.length];
            double sum = 0;
            for (int k = 0; k < z.length; k++) sum += p[k] = Math.exp(z[k] - max);
            for (int k = 0; k < z.length; k++) p[k] /= sum;
            rows[i] = p;
        }
        return new ClassProbabilities(labels, rows);
    }

    /**
     * The mean of several runs' probabilities of the same windows over the same labels.
     *
     * @throws IllegalArgumentException when {@code members} is empty or they differ in labels or windows
     */
    public static ClassProbabilities mean(List<ClassProbabilities> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("no probabilities to average");
        ClassProbabilities first = members.get(0);
        double[][] sum = new double[first.size()][first.labels.size()];
        for (ClassProbabilities m : members) {
            if (!m.labels.equals(first.labels) || m.size() != first.size()) {
                throw new IllegalArgumentException("cannot average probabilities of " + m.size() + " windows over "
                        + m.labels + " with " + first.size() + " windows over " + first.labels);
            }
            for (int i = 0; i < sum.length; i++) {
                for (int k = 0; k < sum[i].length; k++) sum[i][k] += m.rows[i][k] / members.size();
            }
        }
        return new ClassProbabilities(first.labels, sum);
    }

    private ClassProbabilities(List<String> labels, double[][] rows) {
        this.labels = List.copyOf(labels);
        this.rows = rows;
    }

    /** Number of windows. */
    public int size() {
        return rows.length;
    }

    /** The label list, in column order. */
    public List<String> labels() {
        return labels;
    }

    /** The probability of label {@code k} for window {@code i}. */
    public double get(int i, int k) {
        return rows[i][k];
    }

    /** The most probable label of each window; a tie goes to the earliest label, as argmax does. */
    public List<String> predictions() {
        List<String> out = new ArrayList<>(rows.length);
        for (double[] p : rows) {
            int best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            out.add(labels.get(best));
        }
        return out;
    }

    /**
     * The share of windows whose most probable label is {@code truth}'s.
     *
     * @throws IllegalArgumentException when {@code truth} does not have one label per window
     */
    public double accuracy(List<String> truth) {
        Objects.requireNonNull(truth);
        if (truth.size() != rows.length) {
            throw new IllegalArgumentException(truth.size() + " true labels for " + rows.length + " windows");
        }
        List<String> predicted = predictions();
        int right = 0;
        for (int i = 0; i < rows.length; i++) if (predicted.get(i).equals(truth.get(i))) right++;
        return rows.length == 0 ? 0 : (double) right / rows.length;
    }
}
