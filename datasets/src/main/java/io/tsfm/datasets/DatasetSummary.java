package io.tsfm.datasets;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Figures about a dataset as read: what {@code datasets list} and {@code datasets inspect} print.
 *
 * @param name          dataset name
 * @param role          train / zero-shot / user
 * @param sessions      number of sessions
 * @param subjects      number of distinct subjects
 * @param hours         total recorded hours
 * @param channels      channel names of the layouts seen (union, in first-seen order)
 * @param ratesHz       distinct sampling rates
 * @param labelCounts   sessions per label
 * @param labelSeconds  seconds per label
 * @param problems      number of problems reported while reading
 * @param errors        number of fatal problems (skipped files or records)
 */
public record DatasetSummary(String name, DatasetRole role, int sessions, int subjects, double hours,
                             List<String> channels, List<Double> ratesHz, Map<String, Integer> labelCounts,
                             Map<String, Double> labelSeconds, int problems, int errors) {

    /** Summarises a dataset that was read. */
    public static DatasetSummary of(Dataset d) {
        Set<String> subjects = new TreeSet<>();
        Set<String> channels = new LinkedHashSet<>();
        Set<Double> rates = new TreeSet<>();
        for (Session s : d.sessions()) {
            subjects.add(s.subject());
            s.channels().forEach(c -> channels.add(c.name()));
            rates.add(s.rateHz());
        }
        int errors = (int) d.problems().stream().filter(ReadProblem::fatal).count();
        return new DatasetSummary(d.name(), d.manifest().role(), d.sessions().size(), subjects.size(), d.hours(),
                new ArrayList<>(channels), new ArrayList<>(rates), d.labelCounts(), d.labelSeconds(),
                d.problems().size(), errors);
    }
}
