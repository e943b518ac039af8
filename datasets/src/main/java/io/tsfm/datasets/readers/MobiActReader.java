package io.tsfm.datasets.readers;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MobiAct v2.0 "Annotated Data": {@code Annotated Data/<CODE>/<CODE>_<subject>_<trial>_annotated.csv} with
 * {@code timestamp} (ns), {@code rel_time} (s), {@code acc_x..z} (m/s^2), {@code gyro_x..z} (rad/s),
 * {@code azimuth, pitch, roll} and a per-row activity code {@code label} (a fall trial holds standing, the fall
 * and lying). A session is one run of one code; each run is interpolated from its irregular smartphone clock
 * to 50 Hz, as the reference did, and a clock jump over 1 s ends a run. Accelerometer and gyroscope are read,
 * as in the reference.
 *
 * <p>Labels are the reference's names for the 13 MobiFall codes; the three codes only MobiAct has map to
 * vocabulary labels: SIT → sitting, CHU (chair up) → standing_up_from_sitting, LYI → lying. The dataset
 * description is the reference's verbatim model input, which describes the MobiFall v2.0 data it used.
 */
public final class MobiActReader extends SeedReader {
    static final String NAME = "mobiact";
    static final double RATE_HZ = 50.0;
    private static final double MAX_GAP_S = 1.0;
    private static final Pattern FILE = Pattern.compile("(?:.*/)?([A-Z]{3})/([A-Z]{3})_(\\d+)_(\\d+)_annotated\\.csv");

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("STD", "standing"), Map.entry("WAL", "walking"), Map.entry("JOG", "jogging"),
            Map.entry("JUM", "jumping"), Map.entry("STU", "stairs_up"), Map.entry("STN", "stairs_down"),
            Map.entry("SCH", "sitting_chair"), Map.entry("CSI", "car_step_in"), Map.entry("CSO", "car_step_out"),
            Map.entry("FOL", "fall_forward"), Map.entry("FKL", "fall_backward_knees"),
            Map.entry("BSC", "fall_backward_sitting"), Map.entry("SDL", "fall_sideways"),
            Map.entry("SIT", "sitting"), Map.entry("CHU", "standing_up_from_sitting"), Map.entry("LYI", "lying"));

    private static final String POSITION = "waist (trouser pocket)";
    private static final SensorKind ACC = SensorKind.ACCELEROMETER;
    private static final SensorKind GYRO = SensorKind.GYROSCOPE;
    static final List<ChannelSpec> CHANNELS = List.of(
            ChannelSpec.of("acc_x", ACC, "x", "m/s^2", POSITION, "Accelerometer X-axis (waist-mounted smartphone)"),
            ChannelSpec.of("acc_y", ACC, "y", "m/s^2", POSITION, "Accelerometer Y-axis (waist-mounted smartphone)"),
            ChannelSpec.of("acc_z", ACC, "z", "m/s^2", POSITION, "Accelerometer Z-axis (waist-mounted smartphone)"),
            ChannelSpec.of("gyro_x", GYRO, "x", "rad/s", POSITION, "Gyroscope X-axis (waist-mounted smartphone)"),
            ChannelSpec.of("gyro_y", GYRO, "y", "rad/s", POSITION, "Gyroscope Y-axis (waist-mounted smartphone)"),
            ChannelSpec.of("gyro_z", GYRO, "z", "rad/s", POSITION, "Gyroscope Z-axis (waist-mounted smartphone)"));
    private static final String[] COLUMNS = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "MobiAct", DatasetRole.ZERO_SHOT,
            "MobiFall v2.0: Fall detection and ADL recognition dataset. 31 subjects performing 9 ADL activities and "
                    + "4 fall types with waist-mounted Samsung Galaxy S3. Triaxial accelerometer and gyroscope "
                    + "resampled to 50.0Hz.",
            "Request MobiAct v2.0 from the BMI lab, Hellenic Mediterranean University "
                    + "(https://bmi.hmu.gr/the-mobifall-and-mobiact-datasets-2/); the download is a RAR archive: "
                    + "unpack it into <data root>/mobiact/ (or re-pack it as <data root>/mobiact.zip) keeping "
                    + "'Annotated Data/<CODE>/<CODE>_<subject>_<trial>_annotated.csv'.",
            "research use after registration; cite the dataset papers",
            "G. Vavoulas, C. Chatzaki, T. Malliotakis, M. Pediaditis, M. Tsiknakis. The MobiAct Dataset: Recognition "
                    + "of Activities of Daily Living using Smartphones. Proc. ICT4AWE 2016; C. Chatzaki et al. Human "
                    + "Daily Activity and Fall Recognition Using a Smartphone's Acceleration Sensor. CCIS 736, 2017.");

    public MobiActReader() {
        super(INFO, CODES.values(), Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"),
                "each activity run linearly interpolated from its rel_time stamps onto a 50 Hz grid");
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "MobiAct 'Annotated Data/<CODE>/*_annotated.csv' files",
                (m, rows, sessions, log) -> readFile(rows, m.group(3), m.group(2) + "_" + m.group(3) + "_"
                        + m.group(4), sessions, log));
    }

    private void readFile(DelimitedText rows, String subject, String stem, List<Session> sessions, ReadLog log)
            throws IOException {
        Header h = Header.read(rows, log);
        if (h == null) return;
        int relTimeCol = h.find("rel_time");
        int timeCol = relTimeCol >= 0 ? relTimeCol : h.require("rel_time", "timestamp");
        double toSeconds = relTimeCol >= 0 ? 1.0 : 1e-9;
        int labelCol = h.require("label");
        int[] cols = h.requireAll(COLUMNS);
        String file = rows.file();
        int[] seq = {0};
        RunCutter<String> cutter = new RunCutter<>(CHANNELS.size(), MAX_GAP_S, (label, run) -> {
            String id = String.format(Locale.ROOT, "%s_%04d_%s", stem, seq[0]++, label);
            sessions.add(Sessions.make(NAME, id, subject, label, RATE_HZ, CHANNELS,
                    LinearResampler.resample(run.times(), run.samples(), RATE_HZ), file, run.firstLine(), run.lastLine(),
                    log));
        });
        float[] sample = new float[CHANNELS.size()];
        double[] origin = {Double.NaN};
        cutter.feed(rows, log, (row, n) -> {
            String code = row.text(labelCol);
            String label = CODES.get(code.toUpperCase(Locale.ROOT));
            if (label == null) {
                throw row.error(labelCol, "unknown activity code '" + DelimitedText.abbreviate(code) + "' (known: "
                        + CODES.keySet() + ")");
            }
            double t = row.number(timeCol) * toSeconds;
            if (Double.isNaN(origin[0])) origin[0] = t;
            row.floats(cols, sample);
            if (!cutter.add(label, t - origin[0], sample, row.line())) {
                log.warn(file, row.line(), timeCol + 1, "clock", "time not after the previous row's; row dropped", 1);
            }
        });
    }
}
