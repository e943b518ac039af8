package io.tsfm.benchmark.run;

import io.tsfm.benchmark.metrics.LabelGroups;
import java.util.Map;
import java.util.Objects;

/**
 * A zero-shot model under test: one row of the zero-shot tables. The pooled and the per-patch-vote variants of a
 * model are two systems with two paths (spec §6.4 reports the vote separately).
 *
 * @param name       row name, e.g. {@code TSFM micro}
 * @param path       how windows reach the model
 * @param groups     the model's open-set candidates (its training vocabulary) and their synonym groups
 * @param provenance facts about the model shown in the report
 */
public record ZeroShotSystem(String name, InferencePath path, LabelGroups groups, Map<String, String> provenance) {
    public ZeroShotSystem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groups, "groups");
        provenance = Map.copyOf(provenance);
    }
}
