package io.tsfm.benchmark.metrics;

import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The open-set candidates of a model and the synonym groups open-set scoring compares (spec §5, §6.3): a
 * prediction is one of the model's training-vocabulary labels, mapped to its group by the model's own grouping; a
 * true label is mapped by the TSFM vocabulary ({@link LabelVocabulary}). Both must agree on every label they share,
 * or the same label would count in two groups. Immutable and thread-safe.
 */
public final class LabelGroups {
    private final List<String> candidates;
    private final Map<String, String> candidateGroup;
    private final LabelVocabulary vocabulary;

    private LabelGroups(List<String> candidates, Map<String, String> candidateGroup, LabelVocabulary vocabulary) {
        this.candidates = List.copyOf(candidates);
        this.candidateGroup = Map.copyOf(candidateGroup);
        this.vocabulary = vocabulary;
    }

    /**
     * @param candidates     the model's training vocabulary, in its order (ties go to the first)
     * @param candidateGroup the model's group of each candidate
     * @param vocabulary     the vocabulary true labels are grouped by
     * @throws IllegalArgumentException if a candidate has no group, or the model groups a label differently from
     *                                  the vocabulary (both named)
     */
    public static LabelGroups of(List<String> candidates, Map<String, String> candidateGroup,
                                 LabelVocabulary vocabulary) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (candidates.isEmpty()) throw new IllegalArgumentException("the model has no candidate labels");
        Map<String, String> groups = new LinkedHashMap<>();
        for (String c : candidates) {
            String g = candidateGroup.get(c);
            if (g == null) throw new IllegalArgumentException("model label '" + c + "' has no synonym group");
            String v = vocabulary.findGroup(c).orElse(null);
            if (v != null && !v.equals(g)) {
                throw new IllegalArgumentException("model label '" + c + "' is in group '" + g
                        + "' in the model but in '" + v + "' in the label vocabulary (" + vocabulary.hash()
                        .substring(0, 12) + "); scoring would be inconsistent");
            }
            groups.put(c, g);
        }
        return new LabelGroups(candidates, groups, vocabulary);
    }

    /** Candidates grouped by {@code vocabulary} itself. */
    public static LabelGroups of(List<String> candidates, LabelVocabulary vocabulary) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String c : candidates) groups.put(c, vocabulary.groupOf(c));
        return of(candidates, groups, vocabulary);
    }

    /** The candidate labels, in order. */
    public List<String> candidates() {
        return candidates;
    }

    /**
     * The group of a predicted label.
     *
     * @throws IllegalArgumentException if the label is not a candidate (a path answered outside the label set)
     */
    public String groupOfPrediction(String label) {
        String g = candidateGroup.get(label);
        if (g == null) {
            throw new IllegalArgumentException("prediction '" + label + "' is not one of the model's "
                    + candidates.size() + " candidate labels");
        }
        return g;
    }

    /**
     * The group of a true label.
     *
     * @throws IllegalArgumentException if the vocabulary does not know the label (names it and the file to add it to)
     */
    public String groupOfTruth(String label) {
        return vocabulary.groupOf(label);
    }

    /** The groups that have at least one candidate: a true label outside them can never be predicted right. */
    public Set<String> coveredGroups() {
        return new TreeSet<>(candidateGroup.values());
    }

    /** The labels of {@code datasetLabels} whose group has no candidate (spec §5 "coverage"). */
    public List<String> uncovered(List<String> datasetLabels) {
        Set<String> covered = coveredGroups();
        List<String> out = new ArrayList<>();
        for (String l : datasetLabels) if (!covered.contains(groupOfTruth(l))) out.add(l);
        return out;
    }
}
