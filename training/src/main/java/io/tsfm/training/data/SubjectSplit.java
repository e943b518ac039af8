package io.tsfm.training.data;

import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds out whole subjects of each dataset for validation, so validation never sees a person (or, through
 * overlapping windows, a recording) that training saw. Deterministic for a seed: per dataset the sorted
 * subject list is shuffled with {@code seed} mixed with the dataset name and the first
 * {@code ceil(fraction × subjects)} subjects are held out. A dataset with a single subject cannot be split
 * by subject and goes entirely to training (reported by {@link #trainOnlyDatasets()}).
 */
public final class SubjectSplit {
    private final List<Session> train;
    private final List<Session> validation;
    private final Map<String, Set<String>> heldOut;
    private final List<String> trainOnly;

    private SubjectSplit(List<Session> train, List<Session> validation, Map<String, Set<String>> heldOut,
                         List<String> trainOnly) {
        this.train = train;
        this.validation = validation;
        this.heldOut = heldOut;
        this.trainOnly = trainOnly;
    }

    /** Splits sessions (of any number of datasets) holding out {@code fraction} of each dataset's subjects. */
    public static SubjectSplit of(List<Session> sessions, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("validation fraction must be in (0,1): " + fraction);
        Map<String, Set<String>> subjects = new TreeMap<>();
        for (Session s : sessions) subjects.computeIfAbsent(s.dataset(), k -> new TreeSet<>()).add(s.subject());
        Map<String, Set<String>> held = new TreeMap<>();
        List<String> trainOnly = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : subjects.entrySet()) {
            List<String> list = new ArrayList<>(e.getValue());
            if (list.size() < 2) {
                trainOnly.add(e.getKey());
                held.put(e.getKey(), Set.of());
                continue;
            }
            Collections.shuffle(list, new Random(seed * 31 + e.getKey().hashCode()));
            int k = Math.max(1, Math.min(list.size() - 1, (int) Math.ceil(fraction * list.size())));
            held.put(e.getKey(), new TreeSet<>(list.subList(0, k)));
        }
        List<Session> train = new ArrayList<>();
        List<Session> val = new ArrayList<>();
        for (Session s : sessions) {
            (held.get(s.dataset()).contains(s.subject()) ? val : train).add(s);
        }
        return new SubjectSplit(List.copyOf(train), List.copyOf(val), held, List.copyOf(trainOnly));
    }

    public List<Session> train() { return train; }
    public List<Session> validation() { return validation; }
    /** Dataset → held-out subjects. */
    public Map<String, Set<String>> heldOutSubjects() { return heldOut; }
    /** Datasets that could not be split by subject (fewer than two subjects). */
    public List<String> trainOnlyDatasets() { return trainOnly; }
}
