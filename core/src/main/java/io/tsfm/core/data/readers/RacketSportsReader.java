package io.tsfm.core.data.readers;

import io.tsfm.core.data.DatasetInfo;
import io.tsfm.core.data.DatasetRole;
import java.util.Map;

/**
 * RacketSports (UEA multivariate archive): university students with a smartwatch playing badminton
 * (smash, clear) and squash (forehand boast, backhand boast), 3 s cases at 10 Hz; 151 train + 152 test
 * cases. A severe out-of-domain zero-shot test set. See {@link UeaSmartwatchReader} for units and subjects.
 * Stateless and thread-safe.
 */
public final class RacketSportsReader extends UeaSmartwatchReader {
    private static final Map<String, String> LABELS = Map.of("Badminton_Smash", "badminton_smash",
            "Badminton_Clear", "badminton_clear", "Squash_ForehandBoast", "squash_forehand_boast",
            "Squash_BackhandBoast", "squash_backhand_boast");

    private static final DatasetInfo INFO = new DatasetInfo("racketsports", "RacketSports (UEA)",
            DatasetRole.ZERO_SHOT,
            "RacketSports dataset from the UEA multivariate time series archive. University students playing"
                    + " badminton (smash, clear) and squash (forehand boast, backhand boast) while wearing a smartwatch."
                    + " Triaxial accelerometer and gyroscope at 10Hz.",
            "Download RacketSports from the UEA & UCR archive (https://www.timeseriesclassification.com, .ts format)"
                    + " and put RacketSports_TRAIN.ts and RacketSports_TEST.ts zipped as racketsports.zip (or in a folder"
                    + " racketsports/) under the data root.",
            "UEA & UCR Time Series Classification Repository terms (free for research, cite the archive)",
            "A. Bagnall et al. The UEA multivariate time series classification archive, 2018. arXiv:1811.00075.");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    @Override
    String problem() {
        return "RacketSports";
    }

    @Override
    Map<String, String> labels() {
        return LABELS;
    }
}
