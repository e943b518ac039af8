package io.tsfm.benchmark.metrics;

import io.tsfm.datasets.eval.ClassificationMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * How predictions become metrics (spec §6.3-6.5), with scikit-learn semantics ({@link ClassificationMetrics}).
 * Stateless and thread-safe.
 */
public final class Scorer {
    private Scorer() {}

    /**
     * Open-set: prediction and truth mapped to synonym groups; accuracy on groups; macro-F1 over the union of groups
     * occurring in truth or prediction (a predicted group the dataset lacks adds a zero); weighted-F1 by true count.
     */
    public static ClassificationMetrics openSet(List<String> truth, List<String> predicted, LabelGroups groups) {
        checkSizes(truth, predicted);
        List<String> t = new ArrayList<>(truth.size());
        List<String> p = new ArrayList<>(predicted.size());
        for (int i = 0; i < truth.size(); i++) {
            t.add(groups.groupOfTruth(truth.get(i)));
            p.add(groups.groupOfPrediction(predicted.get(i)));
        }
        return ClassificationMetrics.of(t, p);
    }

    /**
     * Exact labels over the dataset's label list: closed-set zero-shot (§6.4) and the supervised metrics (§6.5);
     * macro-F1 averages over exactly {@code labels}, so a class absent from truth and prediction adds a zero.
     *
     * @throws IllegalArgumentException if a truth or a prediction is outside {@code labels}
     */
    public static ClassificationMetrics exact(List<String> truth, List<String> predicted, List<String> labels) {
        checkSizes(truth, predicted);
        for (int i = 0; i < truth.size(); i++) {
            if (!labels.contains(truth.get(i))) {
                throw new IllegalArgumentException("true label '" + truth.get(i) + "' of sample " + i
                        + " is not in the label list " + labels);
            }
            if (!labels.contains(predicted.get(i))) {
                throw new IllegalArgumentException("prediction '" + predicted.get(i) + "' of sample " + i
                        + " is not in the label list " + labels);
            }
        }
        return ClassificationMetrics.of(truth, predicted, labels);
    }

    private static void checkSizes(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " true labels but " + predicted.size() + " predictions");
        }
    }
}
