package io.tsfm.benchmark.baseline.lanhar;

import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Template activity descriptions standing in for LanHAR's LLM-written ones: for a label, its name in words plus
 * sentences that place it in its synonym group ({@link LabelVocabulary}), so labels of one group share words. The
 * first text is the plain label name, the text stage 1 pulls the descriptions towards. Deterministic; immutable
 * and thread-safe.
 */
public final class ActivityDescriptions {
    /** Sentence templates; {@code {label}} is the label in words, {@code {group}} its group in words. */
    static final List<String> TEMPLATES = List.of(
            "a person is {label}.",
            "the wearable motion sensor records someone {label}.",
            "accelerometer and gyroscope signals of a person {label}, a kind of {group} activity.",
            "{label}: the body moves as in {group}.",
            "the activity shown by this inertial signal is {label}.");

    private final LabelVocabulary vocabulary;

    public ActivityDescriptions(LabelVocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /** The vocabulary the groups come from. */
    public LabelVocabulary vocabulary() {
        return vocabulary;
    }

    /** The label in words: {@code walking_upstairs} → {@code walking upstairs}. */
    public static String words(String label) {
        return label.replace('_', ' ').trim();
    }

    /** The plain label name, the anchor text of stage 1 and the zero-shot candidate text. */
    public String name(String label) {
        return words(label);
    }

    /**
     * The descriptions of {@code label}, excluding its plain name. A label outside the vocabulary (a test set's own
     * label) uses its own words as its group.
     */
    public List<String> describe(String label) {
        String group = words(vocabulary.findGroup(label).orElse(label));
        String l = words(label);
        List<String> out = new ArrayList<>(TEMPLATES.size());
        for (String t : TEMPLATES) out.add(t.replace("{label}", l).replace("{group}", group));
        return out;
    }
}
