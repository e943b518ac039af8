package io.tsfm.datasets.readers;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RecGym (UCI dataset 1128): one file {@code RecGym.csv} with columns {@code Subject, Position, Session, A_x,
 * A_y, A_z, G_x, G_y, G_z, C_1, Workout}, 20 Hz rows, sensor units on the wrist, in the pocket and on the leg.
 * As the reference does, only the wrist rows are read, the body-capacitance column {@code C_1} is left out and
 * {@code Null} rows (rest between sets) are not an activity. A session is one continuous run of one workout
 * within one subject's recording session.
 *
 * <p>Units: the published files state none. Accelerometer magnitudes near 1 at rest identify g; the gyroscope
 * is taken as deg/s (the native output of such MEMS IMUs) — an assumption recorded in the manifest.
 */
public final class RecGymReader extends SeedReader {
    static final String NAME = "recgym";
    static final double RATE_HZ = 20.0;
    private static final String POSITION = "wrist";

    private static final Map<String, String> WORKOUTS = Map.ofEntries(
            Map.entry("adductor", "adductor_machine"),
            Map.entry("armcurl", "arm_curl"),
            Map.entry("benchpress", "bench_press"),
            Map.entry("legcurl", "leg_curl"),
            Map.entry("legpress", "leg_press"),
            Map.entry("riding", "cycling"),
            Map.entry("ropeskipping", "rope_skipping"),
            Map.entry("running", "running"),
            Map.entry("squat", "squat"),
            // the dataset's own documents spell it both ways
            Map.entry("stairclimber", "stairclimber"),
            Map.entry("stairsclimber", "stairclimber"),
            Map.entry("walking", "walking"));
    private static final String NULL_WORKOUT = "null";
    private static final Pattern FILE = Pattern.compile("(?i)(?:.*/)?RecGym\\.csv");

    static final List<ChannelSpec> CHANNELS = List.of(
            ChannelSpec.of("acc_x", SensorKind.ACCELEROMETER, "x", "g", POSITION, "Accelerometer X-axis (wrist)"),
            ChannelSpec.of("acc_y", SensorKind.ACCELEROMETER, "y", "g", POSITION, "Accelerometer Y-axis (wrist)"),
            ChannelSpec.of("acc_z", SensorKind.ACCELEROMETER, "z", "g", POSITION, "Accelerometer Z-axis (wrist)"),
            ChannelSpec.of("gyro_x", SensorKind.GYROSCOPE, "x", "deg/s", POSITION, "Gyroscope X-axis (wrist)"),
            ChannelSpec.of("gyro_y", SensorKind.GYROSCOPE, "y", "deg/s", POSITION, "Gyroscope Y-axis (wrist)"),
            ChannelSpec.of("gyro_z", SensorKind.GYROSCOPE, "z", "deg/s", POSITION, "Gyroscope Z-axis (wrist)"));

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "RecGym", DatasetRole.TRAIN,
            "RecGym: Gym Workouts Recognition Dataset. 10 volunteers performing 11 gym exercises over 5 sessions. "
                    + "IMU sensors at wrist position. Triaxial accelerometer and gyroscope at 20Hz.",
            "Download 'RecGym: Gym Workouts Recognition Dataset with IMU and Capacitive Sensor' from the UCI Machine "
                    + "Learning Repository (https://archive.ics.uci.edu/dataset/1128) and save the archive as "
                    + "<data root>/recgym.zip, or unpack it into <data root>/recgym/; the reader looks for RecGym.csv "
                    + "anywhere inside (unpack a zip nested in the download first).",
            "CC BY 4.0 (UCI Machine Learning Repository)",
            "S. Bian, V. F. Rey, S. Yuan, P. Lukowicz. RecGym: Gym Workouts Recognition Dataset with IMU and "
                    + "Capacitive Sensor. UCI Machine Learning Repository.");

    public RecGymReader() {
        super(INFO, WORKOUTS.values(), Map.of(SensorKind.ACCELEROMETER, "g", SensorKind.GYROSCOPE, "deg/s"),
                "none (20 Hz rows)");
    }

    private record RunKey(String subject, String session, String label) {}

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "RecGym.csv", (m, rows, sessions, log) -> readFile(rows, sessions, log));
    }

    private void readFile(DelimitedText rows, List<Session> sessions, ReadLog log) throws IOException {
        Header h = Header.read(rows, log);
        if (h == null) return;
        int subjectCol = h.require("Subject", "Object");
        int positionCol = h.require("Position");
        int sessionCol = h.require("Session");
        int workoutCol = h.require("Workout");
        int[] dataCols = h.requireAll("A_x", "A_y", "A_z", "G_x", "G_y", "G_z");
        String file = rows.file();
        RunCutter<RunKey> cutter = new RunCutter<>(CHANNELS.size(), Double.POSITIVE_INFINITY, (key, run) -> {
            String id = String.format(Locale.ROOT, "subj%s_sess%s_%04d_%s",
                    key.subject(), key.session(), sessions.size(), key.label());
            sessions.add(Sessions.make(NAME, id, key.subject(), key.label(), RATE_HZ, CHANNELS, run.samples(),
                    file, run.firstLine(), run.lastLine(), log));
        });
        float[] sample = new float[CHANNELS.size()];
        long[] wristRows = {0};
        long[] nullRows = {0, 0}; // count, first line
        cutter.feed(rows, log, (row, n) -> {
            if (!row.text(positionCol).equalsIgnoreCase(POSITION)) return;
            wristRows[0]++;
            String workout = row.text(workoutCol);
            String key = workout.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (key.equals(NULL_WORKOUT) || key.isEmpty()) {
                if (nullRows[0]++ == 0) nullRows[1] = row.line();
                cutter.cut();
                return;
            }
            String label = WORKOUTS.get(key);
            if (label == null) {
                throw row.error(workoutCol, "unknown workout '" + DelimitedText.abbreviate(workout) + "' (known: "
                        + WORKOUTS.keySet() + ", Null)");
            }
            row.floats(dataCols, sample);
            RunKey k = new RunKey(row.text(subjectCol), row.text(sessionCol), label);
            cutter.add(k, wristRows[0] / RATE_HZ, sample, row.line());
        });
        if (nullRows[0] > 0) {
            log.warn(file, nullRows[1], workoutCol + 1, "null", "wrist rows labelled Null (rest between sets) "
                    + "are not an activity and were left out", nullRows[0]);
        }
    }
}
