package io.tsfm.benchmark.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How TSFM is fine-tuned for the 1 % / 10 % cells: the AdamW learning rates to choose among on the split's
 * validation part, the epoch limit, the early-stopping patience, and whether the label embeddings are trained too.
 * {@link #REFERENCE} is the reference's recipe (spec §6.5); {@link #deviations()} says how another one differs, for
 * the report. Its refusals name the benchmark's flags.
 *
 * @param learningRates   AdamW rates, in order of preference on validation ties (at least one, each &gt; 0, distinct)
 * @param maxEpochs       epoch limit (&ge; 1)
 * @param patience        epochs without a strictly better validation accuracy before stopping (&ge; 1)
 * @param labels          whether the label embeddings stay frozen or are trained from their text embeddings
 * @param seeds           runs at the chosen rate, seeds 42, 43, …; more than one predict together by the mean of their
 *                        class probabilities (&ge; 1)
 * @param labelSmoothing  ε of the cross-entropy's smoothed target, in [0, 1) (0: one-hot, the reference's)
 */
public record FineTuneRecipe(List<Double> learningRates, int maxEpochs, int patience, LabelEmbeddings labels,
                             int seeds, double labelSmoothing) {
    /** The seed of the run at each rate, and of the first run at the chosen rate. */
    public static final long FIRST_SEED = 42;

    /** What happens to the label embeddings the logits are taken against. */
    public enum LabelEmbeddings {
        /** The text embeddings of the labels, as the reference. */
        FROZEN,
        /** Trained with the network, each started at its label's text embedding (a unit row in the logits). */
        LEARNABLE;

        /** The option's spelling ({@code frozen}, {@code learnable}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses {@link #wireName()}.
         *
         * @throws IllegalArgumentException naming {@code what} (the flag) and the bad value
         */
        public static LabelEmbeddings parse(String value, String what) {
            for (LabelEmbeddings l : values()) {
                if (l.wireName().equals(value)) return l;
            }
            throw new IllegalArgumentException(what + " must be frozen or learnable, got '" + value + "'");
        }
    }

    /** The reference's fine-tuning learning rate (spec §6.5). */
    public static final double REFERENCE_LEARNING_RATE = 1e-5;
    /** The reference's recipe: lr 1e-5, at most 20 epochs, patience 5, frozen label embeddings. */
    public static final FineTuneRecipe REFERENCE = new FineTuneRecipe(List.of(REFERENCE_LEARNING_RATE), 20, 5,
            LabelEmbeddings.FROZEN, 1, 0);

    public FineTuneRecipe {
        learningRates = List.copyOf(learningRates);
        Objects.requireNonNull(labels, "labels");
        if (learningRates.isEmpty()) throw new IllegalArgumentException("--fine-tune-lr: no learning rate given");
        for (double lr : learningRates) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("--fine-tune-lr must be > 0, got " + lr);
            }
        }
        if (learningRates.stream().distinct().count() != learningRates.size()) {
            throw new IllegalArgumentException("--fine-tune-lr lists a rate twice: " + learningRates);
        }
        if (maxEpochs < 1) throw new IllegalArgumentException("--fine-tune-epochs must be >= 1, got " + maxEpochs);
        if (patience < 1) throw new IllegalArgumentException("--fine-tune-patience must be >= 1, got " + patience);
        if (seeds < 1) throw new IllegalArgumentException("--fine-tune-seeds must be >= 1, got " + seeds);
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("--fine-tune-label-smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    /** Whether the label embeddings are trained ({@link LabelEmbeddings#LEARNABLE}). */
    public boolean trainsLabels() {
        return labels == LabelEmbeddings.LEARNABLE;
    }

    /** Whether the learning rate is chosen on validation among several (else the single one is used). */
    public boolean choosesRate() {
        return learningRates.size() > 1;
    }

    /** The rates in words: the single rate, or that it is chosen among several; and the seeds at it. */
    String rates() {
        String rate = !choosesRate() ? String.valueOf(learningRates.get(0))
                : "chosen on validation accuracy among " + learningRates;
        return seeds == 1 ? rate : rate + " (" + seeds + " seeds at it, their class probabilities averaged)";
    }

    /** One sentence per way this recipe differs from {@link #REFERENCE} (empty for the reference's). */
    public List<String> deviations() {
        List<String> out = new ArrayList<>();
        if (!learningRates.equals(REFERENCE.learningRates)) {
            out.add(learningRates.size() == 1
                    ? "TSFM fine-tuning used AdamW learning rate " + learningRates.get(0) + " (--fine-tune-lr), not the "
                            + "reference's " + REFERENCE_LEARNING_RATE + "."
                    : "TSFM fine-tuning chose its AdamW learning rate per dataset and rate among " + learningRates
                            + " (--fine-tune-lr) by the restored state's validation accuracy (the split's validation "
                            + "part, never the test part); the reference uses " + REFERENCE_LEARNING_RATE + " only. The "
                            + "choices are in fine-tune/chosen-learning-rates.json.");
        }
        if (maxEpochs != REFERENCE.maxEpochs || patience != REFERENCE.patience) {
            out.add("TSFM fine-tuning ran at most " + maxEpochs + " epochs with patience " + patience
                    + " (--fine-tune-epochs, --fine-tune-patience); the reference: " + REFERENCE.maxEpochs
                    + " and " + REFERENCE.patience + ".");
        }
        if (seeds > 1) {
            out.add("TSFM fine-tuning ran " + seeds + " times at the " + (choosesRate() ? "chosen " : "")
                    + "learning rate (seeds " + FIRST_SEED + " to " + (FIRST_SEED + seeds - 1) + ", each early-stopped "
                    + "on the split's validation part) and predicted with the mean of their class probabilities "
                    + "(--fine-tune-seeds " + seeds + "); the reference fine-tunes once. Validation accuracies are in "
                    + "fine-tune/selection.json.");
        }
        if (labelSmoothing > 0) {
            out.add("TSFM fine-tuning's cross-entropy target was smoothed by " + labelSmoothing
                    + " (--fine-tune-label-smoothing); the reference's is one-hot.");
        }
        if (trainsLabels()) {
            out.add("TSFM fine-tuning trained the label embeddings too, started at their text embeddings "
                    + "(--fine-tune-labels learnable); the reference keeps them frozen.");
        }
        return out;
    }
}
