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
 * true label is mapped by the test dataset's grouping ({@link #forDataset}: the TSFM vocabulary
 * ({@link LabelVocabulary}) extended by the groups the dataset declares), else by the vocabulary, and a true label
 * no group holds is a group of its own, which no candidate covers (never an error: a user's dataset may hold labels
 * nobody grouped). Model and vocabulary must agree on every label they share, or the same label would count in two
 * groups. Immutable and thread-safe.
 */
public final class LabelGroups {
    private final List<String> candidates;
    private final Map<String, String> candidateGroup;
    private final LabelVocabulary vocabulary;
    private final Map<String, String> truthGroup;

    private LabelGroups(List<String> candidates, Map<String, String> candidateGroup, LabelVocabulary vocabulary,
                        Map<String, String> truthGroup) {
        this.candidates = List.copyOf(candidates);
        this.candidateGroup = Map.copyOf(candidateGroup);
        this.vocabulary = vocabulary;
        this.truthGroup = Map.copyOf(truthGroup);
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
        return new LabelGroups(candidates, groups, vocabulary, Map.of());
    }

    /**
     * These candidates with the true labels of one test dataset grouped by {@code truthGroups} (label → group, e.g.
     * {@code BenchmarkDataset.labelGroups()}); labels it lacks fall back to the vocabulary, then to a group of their own.
     */
    public LabelGroups forDataset(Map<String, String> truthGroups) {
        return new LabelGroups(candidates, candidateGroup, vocabulary, truthGroups);
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
     * The group of a true label: the dataset's grouping, else the vocabulary's, else the label itself (a group no
     * candidate is in unless a candidate's group bears that name).
     */
    public String groupOfTruth(String label) {
        String g = truthGroup.get(label);
        return g != null ? g : vocabulary.findGroup(label).orElse(label);
    }

    /**
     * True labels the model also has as a candidate but in another group than the dataset's: predicting that very
     * label is then scored wrong, so the report says so. Label → "dataset group / model group".
     */
    public Map<String, String> disagreements(List<String> datasetLabels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : datasetLabels) {
            String model = candidateGroup.get(l);
            if (model != null && !model.equals(groupOfTruth(l))) out.put(l, groupOfTruth(l) + " / " + model);
        }
        return out;
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
