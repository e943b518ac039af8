package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import java.util.List;
import java.util.Locale;

/**
 * The conversion factor to canonical units for a channel of a device layout, which states only a unit: the unit
 * names its sensor kind (m/s^2 or g: accelerometer, rad/s or deg/s: gyroscope, uT or gauss: magnetometer) and the
 * factor comes from {@link Units}, the conversion every dataset reader uses. A dimensionless channel ("1", as for
 * orientation quaternions) keeps its values. Stateless and thread-safe.
 */
@Internal
public final class ChannelUnits {

    private static final List<SensorKind> MEASURED =
            List.of(SensorKind.ACCELEROMETER, SensorKind.GYROSCOPE, SensorKind.MAGNETOMETER);

    private ChannelUnits() {
    }

    /**
     * Factor from {@code unit} to the canonical unit of the kind it belongs to.
     *
     * @throws IllegalArgumentException for a unit of no known kind, naming the units that are known
     */
    public static double toCanonical(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.equals("1")) {
            return 1.0;
        }
        for (SensorKind kind : MEASURED) {
            try {
                return Units.toCanonical(kind, unit);
            } catch (IllegalArgumentException notThisKind) {
                // try the next kind: a unit belongs to exactly one
            }
        }
        throw new IllegalArgumentException("unknown unit '" + unit + "' (known: m/s^2, g, mg for acceleration; "
                + "rad/s, deg/s for angular rate; uT, gauss, nT for magnetic field; 1 for dimensionless)");
    }
}
