package io.tsfm.core.data;

import io.tsfm.core.annotation.Internal;

/** Unit conversions to the canonical units of {@link SensorKind}; one place so every reader agrees. */
@Internal
public final class Units {
    /** Standard gravity, m/s^2 per g. */
    public static final double G = 9.80665;

    private Units() {}

    /**
     * The unit to state for samples of {@code kind} already in canonical units, where a unit is required (a device
     * layout on the wire): the canonical unit, or {@code "1"} (dimensionless) for a kind that has none.
     */
    public static String statedCanonical(SensorKind kind) {
        String unit = kind.canonicalUnit();
        return unit.isEmpty() ? "1" : unit;
    }

    /** Factor that converts a value in {@code unit} to the canonical unit of {@code kind}. */
    public static double toCanonical(SensorKind kind, String unit) {
        String u = unit.trim().toLowerCase(java.util.Locale.ROOT);
        switch (kind) {
            case ACCELEROMETER:
                if (u.equals("m/s^2") || u.equals("m/s2") || u.equals("m/s²")) return 1.0;
                if (u.equals("g")) return G;
                if (u.equals("mg")) return G / 1000.0;
                break;
            case GYROSCOPE:
                if (u.equals("rad/s")) return 1.0;
                if (u.equals("deg/s") || u.equals("dps") || u.equals("°/s")) return Math.PI / 180.0;
                if (u.equals("mrad/s")) return 1e-3;
                break;
            case MAGNETOMETER:
                if (u.equals("ut") || u.equals("µt") || u.equals("microtesla")) return 1.0;
                if (u.equals("gauss") || u.equals("g_mag")) return 100.0;
                if (u.equals("nt")) return 1e-3;
                break;
            case ORIENTATION:
            case OTHER:
                return 1.0;
            default:
                break;
        }
        throw new IllegalArgumentException("unknown unit '" + unit + "' for " + kind
                + " (known: m/s^2, g, mg for acceleration; rad/s, mrad/s, deg/s for angular rate; uT, gauss for magnetic field)");
    }
}
