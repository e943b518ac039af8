package io.tsfm.datasets.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, macro-F1, weighted-F1, per-class recall and the confusion matrix of a set of predictions,
 * with scikit-learn's semantics: F1 of a class with no true and no predicted samples is 0
 * ({@code zero_division=0}); macro-F1 averages over the given label list, or, when none is given, over
 * the sorted union of labels occurring in truth or prediction (so a predicted-but-absent class adds a zero).
 *
 * @param labels     the classes, in matrix order
 * @param confusion  {@code confusion[truth][pred]} counts
 * @param accuracy   fraction of exact matches over all samples
 * @param macroF1    unweighted mean F1 over {@code labels}
 * @param weightedF1 F1 weighted by each class's true count
 * @param recall     per-class recall (0 for a class with no true samples)
 * @param f1         per-class F1
 * @param support    per-class true count
 */
public record ClassificationMetrics(List<String> labels, long[][] confusion, double accuracy, double macroF1,
                                    double weightedF1, Map<String, Double> recall, Map<String, Double> f1,
                                    Map<String, Long> support) {

    /** Metrics over the union of labels seen in truth and prediction. */
    public static ClassificationMetrics of(List<String> truth, List<String> predicted) {
        TreeSet<String> union = new TreeSet<>(truth);
        union.addAll(predicted);
        return of(truth, predicted, new ArrayList<>(union));
    }

    /**
     * Metrics over a fixed label list. Samples whose truth or prediction is outside {@code labels} still
     * count in accuracy (as wrong when they differ) but not in the per-class figures, as in scikit-learn.
     */
    public static ClassificationMetrics of(List<String> truth, List<String> predicted, List<String> labels) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " truths but " + predicted.size() + " predictions");
        }
        if (truth.isEmpty()) throw new IllegalArgumentException("no samples to score");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String l : labels) {
            if (index.putIfAbsent(l, index.size()) != null) throw new IllegalArgumentException("duplicate label '" + l + "'");
        }
        int k = labels.size();
        long[][] cm = new long[k][k];
        long correct = 0;
        long[] predCount = new long[k];
        long[] trueCount = new long[k];
        long[] tp = new long[k];
        for (int i = 0; i < truth.size(); i++) {
            String t = truth.get(i);
            String p = predicted.get(i);
            if (t.equals(p)) correct++;
            Integer ti = index.get(t);
            Integer pi = index.get(p);
            if (ti != null) trueCount[ti]++;
            if (pi != null) predCount[pi]++;
            if (ti != null && pi != null) {
                cm[ti][pi]++;
                if (ti.equals(pi)) tp[ti]++;
            }
        }
        Map<String, Double> recall = new LinkedHashMap<>();
        Map<String, Double> f1 = new LinkedHashMap<>();
        Map<String, Long> support = new LinkedHashMap<>();
        double macro = 0;
        double weighted = 0;
        long totalSupport = 0;
        for (int c = 0; c < k; c++) {
            double prec = predCount[c] == 0 ? 0 : tp[c] / (double) predCount[c];
            double rec = trueCount[c] == 0 ? 0 : tp[c] / (double) trueCount[c];
            double f = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
            recall.put(labels.get(c), rec);
            f1.put(labels.get(c), f);
            support.put(labels.get(c), trueCount[c]);
            macro += f;
            weighted += f * trueCount[c];
            totalSupport += trueCount[c];
        }
        return new ClassificationMetrics(List.copyOf(labels), cm, correct / (double) truth.size(),
                k == 0 ? 0 : macro / k, totalSupport == 0 ? 0 : weighted / totalSupport, recall, f1, support);
    }
}
