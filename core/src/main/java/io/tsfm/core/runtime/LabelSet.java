package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The candidate labels a window is scored against (closed-set), identified so predictions can say which
 * set and version produced them. Label texts are free text: new activities need only new text.
 *
 * @param id      label-set id
 * @param version monotonically increasing version of that id
 * @param labels  candidate label texts, non-empty, no duplicates (order breaks ties: first wins)
 */
@PublicApi
public record LabelSet(String id, long version, List<String> labels) {
    public LabelSet {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        if (labels.isEmpty()) throw new IllegalArgumentException("label set '" + id + "' v" + version + " is empty");
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (l == null || l.isBlank()) throw new IllegalArgumentException("label set '" + id + "' has a blank label");
            if (!seen.add(l)) throw new IllegalArgumentException("label set '" + id + "' lists '" + l + "' twice");
        }
    }
}
