package io.tsfm.benchmark.baseline.neural;

import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a classifier over training labels answers a closed-set question (spec §6.6 "logits of training labels
 * outside the test groups set to −∞ → group match"): a training label may be predicted only when its synonym group
 * holds a test label, and it answers the first test label (in the test list's order) of its group.
 *
 * <p>The reference scores this by group match; the benchmark scores closed-set by exact label, so two cases can
 * never be right here: a test label whose group also holds an earlier test label (its windows are answered with
 * that earlier label; {@link #shadowed()}) and a test label whose group has no training label ({@link #unreachable()}).
 * Immutable and thread-safe.
 */
public final class ClosedSetMapping {
    private final boolean[] allowed;
    private final String[] answer;
    private final List<String> shadowed;
    private final List<String> unreachable;

    private ClosedSetMapping(boolean[] allowed, String[] answer, List<String> shadowed, List<String> unreachable) {
        this.allowed = allowed;
        this.answer = answer;
        this.shadowed = List.copyOf(shadowed);
        this.unreachable = List.copyOf(unreachable);
    }

    /**
     * The mapping of {@code trainingLabels} onto {@code testLabels}, both grouped by {@code vocabulary}; a test label
     * the vocabulary does not know is a group of its own (unreachable).
     *
     * @throws IllegalArgumentException if the vocabulary does not know a training label (names it)
     */
    public static ClosedSetMapping of(List<String> trainingLabels, List<String> testLabels, LabelVocabulary vocabulary) {
        return of(trainingLabels, testLabels, vocabulary, Map.of());
    }

    /**
     * The mapping of {@code trainingLabels} (grouped by {@code vocabulary}) onto {@code testLabels}, grouped by the
     * test dataset's own grouping {@code testGroups} (label → group), else by the vocabulary, else each its own group:
     * a user dataset's label nobody grouped is unreachable, not an error.
     *
     * @throws IllegalArgumentException if the vocabulary does not know a training label (names it)
     */
    public static ClosedSetMapping of(List<String> trainingLabels, List<String> testLabels, LabelVocabulary vocabulary,
                                      Map<String, String> testGroups) {
        java.util.function.Function<String, String> testGroup =
                t -> testGroups.getOrDefault(t, vocabulary.findGroup(t).orElse(t));
        Map<String, String> firstTestOfGroup = new LinkedHashMap<>();
        List<String> shadowed = new ArrayList<>();
        for (String t : testLabels) {
            if (firstTestOfGroup.putIfAbsent(testGroup.apply(t), t) != null) shadowed.add(t);
        }
        boolean[] allowed = new boolean[trainingLabels.size()];
        String[] answer = new String[trainingLabels.size()];
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (int i = 0; i < trainingLabels.size(); i++) {
            String t = firstTestOfGroup.get(vocabulary.groupOf(trainingLabels.get(i)));
            if (t != null) {
                allowed[i] = true;
                answer[i] = t;
                reached.add(testGroup.apply(t));
            }
        }
        List<String> unreachable = new ArrayList<>();
        for (String t : testLabels) if (!reached.contains(testGroup.apply(t))) unreachable.add(t);
        return new ClosedSetMapping(allowed, answer, shadowed, unreachable);
    }

    /** Whether training label {@code i} may be predicted. */
    public boolean allowed(int i) {
        return allowed[i];
    }

    /** Whether no training label may be predicted (no test group has a training label). */
    public boolean none() {
        for (boolean a : allowed) if (a) return false;
        return true;
    }

    /** The test label answered for training label {@code i}; null when it is masked. */
    public String answer(int i) {
        return answer[i];
    }

    /** Test labels that share their group with an earlier test label: never answered. */
    public List<String> shadowed() {
        return shadowed;
    }

    /** Test labels whose group has no training label: never answered. */
    public List<String> unreachable() {
        return unreachable;
    }

    /** Training labels masked out (their logit set to −∞ before the argmax). */
    public List<Integer> masked() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < allowed.length; i++) if (!allowed[i]) out.add(i);
        return out;
    }
}
