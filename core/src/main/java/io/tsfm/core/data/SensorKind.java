package io.tsfm.core.data;

import io.tsfm.core.annotation.PublicApi;

/** What a channel measures, with the canonical unit every reader converts to. */
@PublicApi
public enum SensorKind {
    ACCELEROMETER("m/s^2"),
    GYROSCOPE("rad/s"),
    MAGNETOMETER("uT"),
    ORIENTATION("1"),
    OTHER("");

    private final String canonicalUnit;

    SensorKind(String canonicalUnit) {
        this.canonicalUnit = canonicalUnit;
    }

    /** The unit samples of this kind carry after a reader has normalised them. */
    public String canonicalUnit() {
        return canonicalUnit;
    }
}
