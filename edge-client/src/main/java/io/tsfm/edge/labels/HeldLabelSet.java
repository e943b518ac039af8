package io.tsfm.edge.labels;

import io.tsfm.core.labels.ScopedLabelSet;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.util.List;
import java.util.Objects;

/**
 * A label set the edge client holds from a control-topic update: the candidate labels (id, version, texts), the
 * devices it is scoped to (null for every device) and when it was issued.
 *
 * @param labels         the label set
 * @param deviceScope    device ids it applies to; null for every device
 * @param issuedAtMicros when the update was issued, microseconds since the epoch
 */
public record HeldLabelSet(LabelSet labels, List<String> deviceScope, long issuedAtMicros) implements ScopedLabelSet {
    public HeldLabelSet {
        Objects.requireNonNull(labels, "labels");
        deviceScope = deviceScope == null ? null : List.copyOf(deviceScope);
    }

    /**
     * The held form of an update.
     *
     * @throws IllegalArgumentException when the labels break {@link LabelSet}'s rules (empty, blank, repeated)
     */
    public static HeldLabelSet of(LabelSetUpdate u) {
        return new HeldLabelSet(new LabelSet(u.getLabelSetId(), u.getVersion(), List.copyOf(u.getLabels())),
                u.getDeviceScope() == null ? null : List.copyOf(u.getDeviceScope()), u.getIssuedAtEpochMicros());
    }

    /** The update this set came from (the form it is stored in). */
    public LabelSetUpdate toUpdate() {
        return LabelSetUpdate.newBuilder().setLabelSetId(labels.id()).setVersion(labels.version())
                .setLabels(List.copyOf(labels.labels())).setDeviceScope(deviceScope == null ? null : List.copyOf(deviceScope))
                .setIssuedAtEpochMicros(issuedAtMicros).build();
    }

    @Override
    public String id() {
        return labels.id();
    }

    @Override
    public long version() {
        return labels.version();
    }

    @Override
    public boolean scoped() {
        return deviceScope != null;
    }

    @Override
    public boolean appliesTo(String deviceId) {
        return deviceScope == null || deviceScope.contains(deviceId);
    }

    @Override
    public String toString() {
        return labels.id() + " v" + labels.version() + " " + labels.labels()
                + (deviceScope == null ? "" : " for " + deviceScope);
    }
}
