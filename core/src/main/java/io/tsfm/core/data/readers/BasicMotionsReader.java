package io.tsfm.core.data.readers;

import io.tsfm.core.data.DatasetInfo;
import io.tsfm.core.data.DatasetRole;
import java.util.Map;

/**
 * BasicMotions (UEA multivariate archive): 4 students, a smartwatch, 4 activities, 10 s cases at 10 Hz;
 * 40 train + 40 test cases. A zero-shot test set. See {@link UeaSmartwatchReader} for units and subjects.
 * Stateless and thread-safe.
 */
public final class BasicMotionsReader extends UeaSmartwatchReader {
    private static final Map<String, String> LABELS = Map.of("Standing", "standing", "Walking", "walking",
            "Running", "running", "Badminton", "badminton");

    private static final DatasetInfo INFO = new DatasetInfo("basicmotions", "BasicMotions (UEA)",
            DatasetRole.ZERO_SHOT,
            "BasicMotions dataset from the UEA multivariate time series archive. 4 students performing 4 activities"
                    + " (standing, walking, running, badminton) five times each while wearing a smartwatch. Triaxial"
                    + " accelerometer and gyroscope at 10Hz.",
            "Download BasicMotions from the UEA & UCR archive (https://www.timeseriesclassification.com, .ts format)"
                    + " and put BasicMotions_TRAIN.ts and BasicMotions_TEST.ts zipped as basicmotions.zip (or in a folder"
                    + " basicmotions/) under the data root.",
            "UEA & UCR Time Series Classification Repository terms (free for research, cite the archive)",
            "A. Bagnall et al. The UEA multivariate time series classification archive, 2018. arXiv:1811.00075.");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    @Override
    String problem() {
        return "BasicMotions";
    }

    @Override
    Map<String, String> labels() {
        return LABELS;
    }
}
