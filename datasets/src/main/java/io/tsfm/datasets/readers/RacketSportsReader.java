package io.tsfm.datasets.readers;

import java.util.Map;

/**
 * RacketSports (UEA multivariate archive): university students with a smartwatch playing badminton
 * (smash, clear) and squash (forehand boast, backhand boast), 3 s cases at 10 Hz; 151 train + 152 test
 * cases. A severe out-of-domain zero-shot test set. See {@link UeaSmartwatchReader} for units and subjects.
 * Stateless and thread-safe.
 */
public final class RacketSportsReader extends UeaSmartwatchReader {
    /** Reads {@code racketsports}. */
    public RacketSportsReader() {
        super("RacketSports", Map.of("Badminton_Smash", "badminton_smash", "Badminton_Clear", "badminton_clear",
                        "Squash_ForehandBoast", "squash_forehand_boast", "Squash_BackhandBoast", "squash_backhand_boast"),
                "RacketSports dataset from the UEA multivariate time series archive. University students playing"
                        + " badminton (smash, clear) and squash (forehand boast, backhand boast) while wearing a smartwatch."
                        + " Triaxial accelerometer and gyroscope at 10Hz.");
    }
}
