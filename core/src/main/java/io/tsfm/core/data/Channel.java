package io.tsfm.core.data;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;
import java.util.Objects;

/**
 * One channel of a session: what it measures, where, and the free-text description the model reads.
 *
 * @param name        short column name, e.g. {@code acc_x}
 * @param kind        sensor kind
 * @param axis        axis or component ({@code x}, {@code y}, {@code z}, {@code w}, or empty)
 * @param unit        unit of the samples as stored in the session (canonical for the kind after reading)
 * @param position    body position, e.g. {@code waist}, {@code right wrist}
 * @param description free text given to the model, e.g. "Accelerometer X-axis (waist)"
 */
@PublicApi
public record Channel(String name, SensorKind kind, String axis, String unit, String position, String description) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        axis = axis == null ? "" : axis;
        unit = unit == null ? kind.canonicalUnit() : unit;
        position = position == null ? "" : position;
        Objects.requireNonNull(description, "description");
    }

    /** A motion channel in canonical units with a description built from kind, axis and position. */
    public static Channel of(String name, SensorKind kind, String axis, String position) {
        return new Channel(name, kind, axis, kind.canonicalUnit(), position, describe(kind, axis, position));
    }

    /** Accelerometer x, y, z then gyroscope x, y, z of one device at {@code position}, described by {@link #describe}. */
    public static List<Channel> accGyro(String position) {
        return List.of(
                of("acc_x", SensorKind.ACCELEROMETER, "x", position),
                of("acc_y", SensorKind.ACCELEROMETER, "y", position),
                of("acc_z", SensorKind.ACCELEROMETER, "z", position),
                of("gyro_x", SensorKind.GYROSCOPE, "x", position),
                of("gyro_y", SensorKind.GYROSCOPE, "y", position),
                of("gyro_z", SensorKind.GYROSCOPE, "z", position));
    }

    /** The description convention of the reference datasets: "Accelerometer X-axis (waist)". */
    public static String describe(SensorKind kind, String axis, String position) {
        String sensor;
        switch (kind) {
            case ACCELEROMETER: sensor = "Accelerometer"; break;
            case GYROSCOPE: sensor = "Gyroscope"; break;
            case MAGNETOMETER: sensor = "Magnetometer"; break;
            case ORIENTATION: sensor = "Orientation"; break;
            default: sensor = "Sensor"; break;
        }
        StringBuilder b = new StringBuilder(sensor);
        if (axis != null && !axis.isEmpty()) {
            b.append(' ').append(axis.toUpperCase(java.util.Locale.ROOT)).append("-axis");
        }
        if (position != null && !position.isEmpty()) {
            b.append(" (").append(position).append(')');
        }
        return b.toString();
    }
}
