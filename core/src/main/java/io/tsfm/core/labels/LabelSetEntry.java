package io.tsfm.core.labels;

import io.tsfm.core.runtime.LabelSet;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A label set as the job holds it in broadcast state: the candidate texts of one id and version, and the devices it
 * is scoped to.
 *
 * @param id             label-set id
 * @param version        version of that id; an update only replaces a lower version
 * @param labels         candidate label texts
 * @param deviceScope    device ids it applies to; null for every device
 * @param issuedAtMicros when the update was issued (breaks ties between label sets that apply equally)
 */
public record LabelSetEntry(String id, long version, String[] labels, String[] deviceScope, long issuedAtMicros)
        implements Serializable, ScopedLabelSet {

    /** The core label set the classifier scores against. */
    public LabelSet toLabelSet() {
        return new LabelSet(id, version, List.of(labels));
    }

    @Override
    public boolean appliesTo(String deviceId) {
        return deviceScope == null || Arrays.asList(deviceScope).contains(deviceId);
    }

    @Override
    public boolean scoped() {
        return deviceScope != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSetEntry e && id.equals(e.id) && version == e.version
                && Arrays.equals(labels, e.labels) && Arrays.equals(deviceScope, e.deviceScope)
                && issuedAtMicros == e.issuedAtMicros;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "LabelSet[" + id + " v" + version + " " + Arrays.toString(labels)
                + (deviceScope == null ? "" : " for " + Arrays.toString(deviceScope)) + "]";
    }
}
