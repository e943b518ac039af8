package io.tsfm.core.serving;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A label set as a control-topic update delivers it, and as the streaming job (in broadcast state) and the edge client
 * (in its label sets and their store) hold it: the candidate texts of one id and version, the devices it is scoped to,
 * and when it was issued. {@link LabelSetChoice} picks a device's set among them.
 *
 * <p>Arrays, not lists, so the job keeps it as a Flink POJO without Kryo.
 *
 * @param id             label-set id
 * @param version        version of that id; an update only replaces a lower version
 * @param labels         candidate label texts
 * @param deviceScope    device ids it applies to; null for every device
 * @param issuedAtMicros when the update was issued (breaks ties between label sets that apply equally)
 */
@PublicApi
public record LabelSetEntry(String id, long version, String[] labels, String[] deviceScope, long issuedAtMicros)
        implements Serializable {

    /**
     * The held form of an update.
     *
     * @throws IllegalArgumentException when the labels break {@link LabelSet}'s rules (empty, blank, repeated)
     */
    public static LabelSetEntry of(LabelSetUpdate u) {
        LabelSetEntry e = new LabelSetEntry(u.getLabelSetId(), u.getVersion(), u.getLabels().toArray(String[]::new),
                u.getDeviceScope() == null ? null : u.getDeviceScope().toArray(String[]::new),
                u.getIssuedAtEpochMicros());
        e.toLabelSet(); // a bad update fails here, not when a window is scored
        return e;
    }

    /** {@code labels} for every device, issued at time 0: a deployment's default set. */
    public static LabelSetEntry unscoped(LabelSet labels) {
        return new LabelSetEntry(labels.id(), labels.version(), labels.labels().toArray(String[]::new), null, 0);
    }

    /** The core label set the classifier scores against. */
    public LabelSet toLabelSet() {
        return new LabelSet(id, version, List.of(labels));
    }

    /** The update this set came from (the form it is stored in). */
    public LabelSetUpdate toUpdate() {
        return LabelSetUpdate.newBuilder().setLabelSetId(id).setVersion(version).setLabels(List.of(labels))
                .setDeviceScope(deviceScope == null ? null : List.of(deviceScope)).setIssuedAtEpochMicros(issuedAtMicros)
                .build();
    }

    /** Whether it applies to {@code deviceId}. */
    public boolean appliesTo(String deviceId) {
        return deviceScope == null || Arrays.asList(deviceScope).contains(deviceId);
    }

    /** Whether it names devices (a scoped set wins over one for every device). */
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
