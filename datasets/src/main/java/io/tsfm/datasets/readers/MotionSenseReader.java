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
 * MotionSense (Malekzadeh et al.): iPhone 6s Core Motion "DeviceMotion" data at 50 Hz, one file per subject and
 * trial, {@code A_DeviceMotion_data/<act>_<trial>/sub_<n>.csv}, columns (after an unnamed row index)
 * {@code attitude.roll/pitch/yaw, gravity.x/y/z, rotationRate.x/y/z, userAcceleration.x/y/z}.
 * userAcceleration (gravity removed) is in g and becomes m/s^2; rotationRate is rad/s; the gravity unit vector
 * and the attitude angles are kept as non-motion channels, as in the reference manifest. Each file is one
 * session (split where a malformed row was skipped).
 *
 * <p>The channel descriptions are the reference's verbatim model inputs; they still say "in g units" although
 * the samples are converted, because that is the text the reference model was evaluated with.
 */
public final class MotionSenseReader extends SeedReader {
    static final String NAME = "motionsense";
    static final double RATE_HZ = 50.0;
    private static final String POSITION = "front trouser pocket";
    private static final Pattern FILE = Pattern.compile(
            "(?:.*/)?A_DeviceMotion_data/([a-z]{3})_(\\d+)/sub_(\\d+)\\.csv");

    private static final Map<String, String> ACTIVITIES = Map.of(
            "dws", "walking_downstairs", "ups", "walking_upstairs", "wlk", "walking",
            "jog", "jogging", "sit", "sitting", "std", "standing");

    private static final SensorKind ACC = SensorKind.ACCELEROMETER;
    private static final SensorKind GYRO = SensorKind.GYROSCOPE;
    private static final SensorKind OTHER = SensorKind.OTHER;
    static final List<ChannelSpec> CHANNELS = List.of(
            ChannelSpec.of("acc_x", ACC, "x", "g", POSITION,
                    "User acceleration X-axis in g units (gravity removed by Core Motion)"),
            ChannelSpec.of("acc_y", ACC, "y", "g", POSITION,
                    "User acceleration Y-axis in g units (gravity removed by Core Motion)"),
            ChannelSpec.of("acc_z", ACC, "z", "g", POSITION,
                    "User acceleration Z-axis in g units (gravity removed by Core Motion)"),
            ChannelSpec.of("gyro_x", GYRO, "x", "rad/s", POSITION, "Rotation rate X-axis from gyroscope in rad/s"),
            ChannelSpec.of("gyro_y", GYRO, "y", "rad/s", POSITION, "Rotation rate Y-axis from gyroscope in rad/s"),
            ChannelSpec.of("gyro_z", GYRO, "z", "rad/s", POSITION, "Rotation rate Z-axis from gyroscope in rad/s"),
            ChannelSpec.of("gravity_x", OTHER, "x", "g", POSITION, "Gravity unit vector X component (normalized)"),
            ChannelSpec.of("gravity_y", OTHER, "y", "g", POSITION, "Gravity unit vector Y component (normalized)"),
            ChannelSpec.of("gravity_z", OTHER, "z", "g", POSITION, "Gravity unit vector Z component (normalized)"),
            ChannelSpec.of("attitude_roll", OTHER, "roll", "rad", POSITION, "Device attitude roll angle in radians"),
            ChannelSpec.of("attitude_pitch", OTHER, "pitch", "rad", POSITION, "Device attitude pitch angle in radians"),
            ChannelSpec.of("attitude_yaw", OTHER, "yaw", "rad", POSITION, "Device attitude yaw angle in radians"));
    /** Source column of each channel, in {@link #CHANNELS} order. */
    private static final String[] COLUMNS = {"userAcceleration.x", "userAcceleration.y", "userAcceleration.z",
            "rotationRate.x", "rotationRate.y", "rotationRate.z", "gravity.x", "gravity.y", "gravity.z",
            "attitude.roll", "attitude.pitch", "attitude.yaw"};

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "MotionSense", DatasetRole.ZERO_SHOT,
            "Human activity recognition from iPhone 6s sensors. 24 subjects performing 6 activities (walking, "
                    + "jogging, stairs up, stairs down, sitting, standing) with smartphone in front trouser pocket. "
                    + "DeviceMotion data from Core Motion framework at 50Hz.",
            "Download data/A_DeviceMotion_data.zip from https://github.com/mmalekzadeh/motion-sense and save it as "
                    + "<data root>/motionsense.zip, or unpack it into <data root>/motionsense/ so that "
                    + "A_DeviceMotion_data/<activity>_<trial>/sub_<n>.csv exist.",
            "Open Data Commons Open Database License (ODbL) v1.0",
            "M. Malekzadeh, R. G. Clegg, A. Cavallaro, H. Haddadi. Mobile Sensor Data Anonymization. "
                    + "Proc. IoTDI 2019.");

    public MotionSenseReader() {
        super(INFO, ACTIVITIES.values(), Map.of(SensorKind.ACCELEROMETER, "g", SensorKind.GYROSCOPE, "rad/s"),
                "none (50 Hz rows)");
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "A_DeviceMotion_data/<act>_<trial>/sub_<n>.csv", (m, rows, sessions, log) -> {
            String label = ACTIVITIES.get(m.group(1));
            if (label == null) {
                log.skippedFile(rows.file(), "unknown activity code '" + m.group(1) + "' in folder name (known: "
                        + ACTIVITIES.keySet() + ")");
                return;
            }
            String subject = m.group(3);
            String stem = String.format(Locale.ROOT, "sub%02d_%s_%s", Integer.parseInt(subject), m.group(1),
                    m.group(2));
            readFile(rows, stem, subject, label, sessions, log);
        });
    }

    private void readFile(DelimitedText rows, String stem, String subject, String label, List<Session> sessions,
                          ReadLog log) throws IOException {
        Header h = Header.read(rows, log);
        if (h == null) return;
        int[] cols = h.requireAll(COLUMNS);
        String file = rows.file();
        int[] part = {0};
        RunCutter<String> cutter = new RunCutter<>(CHANNELS.size(), Double.POSITIVE_INFINITY, (k, run) ->
                sessions.add(Sessions.make(NAME, stem + "_" + part[0]++, subject, label, RATE_HZ, CHANNELS,
                        run.samples(), file, run.firstLine(), run.lastLine(), log)));
        float[] sample = new float[CHANNELS.size()];
        cutter.feed(rows, log, (row, n) -> {
            row.floats(cols, sample);
            cutter.add(stem, n / RATE_HZ, sample, row.line());
        });
    }
}
