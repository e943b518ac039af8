package io.tsfm.benchmark.finetune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one cell's fine-tuning chose on the split's validation part and how its runs scored there: each rate's run
 * (seed {@value FineTuneRecipe#FIRST_SEED}), the chosen rate, each seed's run at that rate, and the mean of those
 * seeds' class probabilities, which predicts the cell when there are several. Written per cell to
 * {@code fine-tune/selection.json}. Immutable.
 *
 * @param validationAccuracyByRate   each rate that finished, its restored state's validation accuracy, in recipe order
 * @param chosenRate                 the rate with the best of those (ties to the earlier)
 * @param validationAccuracyBySeed   each seed's run at the chosen rate, its validation accuracy, in seed order
 * @param ensembleValidationAccuracy validation accuracy of the mean of those runs' class probabilities (one seed: its
 *                                   own)
 * @param validationWindows          windows in the validation part
 */
public record FineTuneSelection(Map<Double, Double> validationAccuracyByRate, double chosenRate,
                                Map<Long, Double> validationAccuracyBySeed, double ensembleValidationAccuracy,
                                int validationWindows) {
    public FineTuneSelection {
        validationAccuracyByRate = Collections.unmodifiableMap(new LinkedHashMap<>(validationAccuracyByRate));
        validationAccuracyBySeed = Collections.unmodifiableMap(new LinkedHashMap<>(validationAccuracyBySeed));
        if (!validationAccuracyByRate.containsKey(chosenRate)) {
            throw new IllegalArgumentException("chosen rate " + chosenRate + " is not among "
                    + validationAccuracyByRate.keySet());
        }
        if (validationAccuracyBySeed.isEmpty()) throw new IllegalArgumentException("no run at the chosen rate");
    }

    /** As written to {@code selection.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> rates = new LinkedHashMap<>();
        validationAccuracyByRate.forEach((lr, acc) -> rates.put(String.valueOf(lr), acc));
        Map<String, Object> seeds = new LinkedHashMap<>();
        validationAccuracyBySeed.forEach((seed, acc) -> seeds.put(String.valueOf(seed), acc));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validation_windows", validationWindows);
        m.put("validation_accuracy_by_rate", rates);
        m.put("chosen_rate", chosenRate);
        m.put("validation_accuracy_by_seed", seeds);
        m.put("ensemble_validation_accuracy", ensembleValidationAccuracy);
        return m;
    }
}
