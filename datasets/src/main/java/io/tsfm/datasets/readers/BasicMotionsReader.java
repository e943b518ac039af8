package io.tsfm.datasets.readers;

import java.util.Map;

/**
 * BasicMotions (UEA multivariate archive): 4 students, a smartwatch, 4 activities, 10 s cases at 10 Hz;
 * 40 train + 40 test cases. A zero-shot test set. See {@link UeaSmartwatchReader} for units and subjects.
 * Stateless and thread-safe.
 */
public final class BasicMotionsReader extends UeaSmartwatchReader {
    /** Reads {@code basicmotions}. */
    public BasicMotionsReader() {
        super("BasicMotions", Map.of("Standing", "standing", "Walking", "walking", "Running", "running",
                        "Badminton", "badminton"),
                "BasicMotions dataset from the UEA multivariate time series archive. 4 students performing 4 activities"
                        + " (standing, walking, running, badminton) five times each while wearing a smartwatch. Triaxial"
                        + " accelerometer and gyroscope at 10Hz.");
    }
}
