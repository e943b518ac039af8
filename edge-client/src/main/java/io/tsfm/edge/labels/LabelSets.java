package io.tsfm.edge.labels;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.serving.LabelSetChoice;
import io.tsfm.core.serving.LabelSetEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label sets an edge client scores against: a base set (its {@code --labels}, the streaming job's default) and
 * the sets received from the control topic, held per id at their highest version. A device's windows are scored
 * against the set {@link LabelSetChoice} picks for it, the streaming job's rule: a set naming the device beats one
 * for every device, the latest issued beats an earlier one, and with none the base set.
 *
 * <p>Thread-safe: updates arrive on the follower's thread while the client scores on its own.
 */
@Internal
public final class LabelSets {
    private final Map<String, LabelSetEntry> held = new ConcurrentHashMap<>();
    private volatile LabelSetEntry base;

    /** @param base the set used where no received set applies */
    public LabelSets(LabelSet base) {
        this.base = LabelSetEntry.unscoped(Objects.requireNonNull(base, "base"));
    }

    /** The set for {@code deviceId}'s next windows. */
    public LabelSetEntry forDevice(String deviceId) {
        return LabelSetChoice.choose(held.values(), deviceId, base);
    }

    /** The base set. */
    public LabelSet base() {
        return base.toLabelSet();
    }

    /** Replaces the base set (received sets still win where they apply). */
    public void setBase(LabelSet labels) {
        this.base = LabelSetEntry.unscoped(Objects.requireNonNull(labels, "labels"));
    }

    /**
     * Holds {@code update} unless a set of the same id with the same or a higher version is held already.
     *
     * @return whether it was taken
     */
    public boolean apply(LabelSetEntry update) {
        Objects.requireNonNull(update, "update");
        boolean[] taken = {false};
        held.compute(update.id(), (id, current) -> {
            if (!LabelSetChoice.supersedes(current, update)) return current;
            taken[0] = true;
            return update;
        });
        return taken[0];
    }

    /** The received sets held now, by id. */
    public List<LabelSetEntry> held() {
        List<LabelSetEntry> out = new ArrayList<>(held.values());
        out.sort(Comparator.comparing(LabelSetEntry::id));
        return out;
    }
}
