package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UEA archive's smartwatch problems (BasicMotions, RacketSports): {@code <Problem>_TRAIN.ts} and
 * {@code <Problem>_TEST.ts}, each case 6 dimensions at 10 Hz (accelerometer x,y,z then gyroscope x,y,z).
 * Both splits are read; the session id says which ({@code train_007}, {@code test_012}). The archive does
 * not say who was recorded, so every subject is {@value ReaderSupport#UNKNOWN_SUBJECT}.
 *
 * <p>Units are not stated by the publisher. The values fit Android's sensor API units: the gyroscope
 * clips at 34.87 = 2000 deg/s expressed in rad/s, and the accelerometer reads about 0.8 in magnitude on
 * average while standing, i.e. m/s^2 with gravity removed (Android linear acceleration) rather than g or
 * raw m/s^2 (about 1 or 9.8 at rest). They are therefore kept as m/s^2 and rad/s, and the manifest says
 * these units are assumed. Stateless and thread-safe.
 */
abstract class UeaSmartwatchReader implements DatasetReader {
    static final double RATE_HZ = 10.0;
    static final String POSITION = "wrist";

    private final String problem;
    private final Map<String, String> labels;
    private final DatasetInfo info;

    /**
     * @param problem     the problem name that prefixes the file names, e.g. {@code BasicMotions}; its lower case is
     *                    the dataset name
     * @param labels      class string as written in the file → vocabulary label
     * @param description what the dataset holds
     */
    UeaSmartwatchReader(String problem, Map<String, String> labels, String description) {
        this.problem = problem;
        this.labels = labels;
        String name = problem.toLowerCase(Locale.ROOT);
        this.info = new DatasetInfo(name, problem + " (UEA)", DatasetRole.ZERO_SHOT, description,
                "Download " + problem + " from the UEA & UCR archive (https://www.timeseriesclassification.com, .ts"
                        + " format) and put " + problem + "_TRAIN.ts and " + problem + "_TEST.ts zipped as " + name
                        + ".zip (or in a folder " + name + "/) under the data root.",
                "UEA & UCR Time Series Classification Repository terms (free for research, cite the archive)",
                "A. Bagnall et al. The UEA multivariate time series classification archive, 2018. arXiv:1811.00075.");
    }

    @Override
    public final DatasetInfo info() {
        return info;
    }

    /** Class string as written in the file → vocabulary label. */
    final Map<String, String> labels() {
        return labels;
    }

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        Pattern p = Pattern.compile("(?:.*/)?" + Pattern.quote(problem) + "_(TRAIN|TEST)\\.ts");
        List<String> files = new ArrayList<>();
        for (String e : src.entries()) {
            if (p.matcher(e).matches()) files.add(e);
        }
        if (files.isEmpty()) {
            throw new IOException(src.location() + ": no " + problem + "_TRAIN.ts or " + problem + "_TEST.ts. "
                    + info().downloadHint());
        }
        List<Channel> channels = Channel.accGyro(POSITION);
        List<Session> sessions = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (String f : files) {
            Matcher m = p.matcher(f);
            if (!m.matches()) throw new IllegalStateException(f);
            String split = m.group(1).toLowerCase(Locale.ROOT);
            UeaTsParser.TsFile ts;
            try (InputStream in = src.open(f)) {
                ts = UeaTsParser.parse(in, f, problems);
            } catch (DataFormatException e) {
                problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; file skipped", 1, true));
                continue;
            }
            if (ts.dimensions() != 6) {
                problems.add(new ReadProblem(f, 0, 0, "expected 6 dimensions (acc x,y,z, gyro x,y,z), found "
                        + ts.dimensions() + "; file skipped", 1, true));
                continue;
            }
            for (UeaTsParser.Case c : ts.cases()) {
                String label = labels.get(c.label());
                if (label == null || !ReaderSupport.inVocabulary(label)) {
                    problems.add(ReaderSupport.labelOutsideVocabulary(f, c.line(), 0, c.label(),
                            label == null ? c.label() : label));
                    continue;
                }
                float[][] samples = c.values();
                ReaderSupport.repair(samples, f, c.line(), problems);
                sessions.add(new Session(String.format("%s_%03d", split, c.index()), name(),
                        ReaderSupport.UNKNOWN_SUBJECT, label, RATE_HZ, channels, samples, f + " line " + c.line()));
            }
        }
        return new Dataset(ReaderSupport.manifest(info(), sessions, labels.values(),
                Map.of(SensorKind.ACCELEROMETER, "m/s^2 (assumed: the publisher states no unit; values look like"
                                + " Android linear acceleration, gravity removed)",
                        SensorKind.GYROSCOPE, "rad/s (assumed: the publisher states no unit; values clip at 34.87 ="
                                + " 2000 deg/s)"), "none"),
                ReaderSupport.sortedById(sessions, problems), problems);
    }
}
