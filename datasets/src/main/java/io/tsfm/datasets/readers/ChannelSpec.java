package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;

/**
 * How one source column becomes one session channel: what it measures, the unit the source stores, and the
 * description the model reads.
 *
 * @param name        channel name, as in the reference manifest (e.g. {@code back_acc_x})
 * @param kind        sensor kind
 * @param axis        axis or component
 * @param sourceUnit  unit of the decoded source value (a {@link Units} unit for motion kinds)
 * @param position    body position
 * @param description the reference's channel description (a model input)
 */
record ChannelSpec(String name, SensorKind kind, String axis, String sourceUnit, String position,
                   String description) {

    static ChannelSpec of(String name, SensorKind kind, String axis, String sourceUnit, String position,
                          String description) {
        return new ChannelSpec(name, kind, axis, sourceUnit, position, description);
    }

    /** Factor from the stored number to the canonical unit of {@link #kind}. */
    double factor() {
        return Units.toCanonical(kind, sourceUnit);
    }

    /** The session channel: canonical unit for motion kinds, the source unit for {@link SensorKind#OTHER}. */
    Channel channel() {
        String unit = kind == SensorKind.OTHER ? sourceUnit : kind.canonicalUnit();
        return new Channel(name, kind, axis, unit, position, description);
    }
}
