package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText.Row;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * VTT-ConIoT (Mäkela et al., Zenodo record 4683703): one file per worker and activity,
 * {@code activity_<A>_user_<U>_combined.csv}, rows of the three IMUs (trousers pocket/hip, back, hand)
 * synchronised at about 100 Hz, columns named {@code <place>_<sensor><axis>_<unit>} (e.g. {@code trousers_Ax_g},
 * {@code trousers_Gx_dps}, {@code trousers_Mx_uT}). As in the reference, the hip ({@code trousers}) IMU is read,
 * each file is one session of its activity, and the 100 Hz rows are linearly interpolated to 50 Hz. Units are
 * taken from the column names. Activity numbers follow the reference's reading of the dataset paper.
 */
public final class VttConIotReader extends SeedReader {
    static final String NAME = "vtt_coniot";
    static final double SOURCE_RATE_HZ = 100.0;
    static final double RATE_HZ = 50.0;
    private static final String PLACE = "trousers";
    private static final String POSITION = "hip";
    private static final Pattern FILE = Pattern.compile("(?i)(?:.*/)?activity_(\\d+)_user_(\\d+)_combined\\.csv");

    private static final Map<Integer, String> ACTIVITIES = Map.ofEntries(
            Map.entry(1, "roll_painting"), Map.entry(2, "spraying_paint"), Map.entry(3, "leveling_paint"),
            Map.entry(4, "pushing_cart"), Map.entry(5, "walking_straight"), Map.entry(6, "walking_winding"),
            Map.entry(7, "standing_work"), Map.entry(8, "kneeling_work"), Map.entry(9, "laying_back"),
            Map.entry(10, "lifting"), Map.entry(11, "carrying"), Map.entry(12, "raising_hands"),
            Map.entry(13, "sitting"), Map.entry(14, "jumping_down"), Map.entry(15, "climbing_ladder"),
            Map.entry(16, "stairs"));

    private static final SensorKind ACC = SensorKind.ACCELEROMETER;
    private static final SensorKind GYRO = SensorKind.GYROSCOPE;
    private static final SensorKind MAG = SensorKind.MAGNETOMETER;
    /** Channels with the units the dataset publishes; a file's column names give the units actually read. */
    static final List<ChannelSpec> CHANNELS = List.of(
            ChannelSpec.of("acc_x", ACC, "x", "g", POSITION, "Accelerometer X-axis (hip)"),
            ChannelSpec.of("acc_y", ACC, "y", "g", POSITION, "Accelerometer Y-axis (hip)"),
            ChannelSpec.of("acc_z", ACC, "z", "g", POSITION, "Accelerometer Z-axis (hip)"),
            ChannelSpec.of("gyro_x", GYRO, "x", "deg/s", POSITION, "Gyroscope X-axis (hip)"),
            ChannelSpec.of("gyro_y", GYRO, "y", "deg/s", POSITION, "Gyroscope Y-axis (hip)"),
            ChannelSpec.of("gyro_z", GYRO, "z", "deg/s", POSITION, "Gyroscope Z-axis (hip)"),
            ChannelSpec.of("mag_x", MAG, "x", "uT", POSITION, "Magnetometer X-axis (hip)"),
            ChannelSpec.of("mag_y", MAG, "y", "uT", POSITION, "Magnetometer Y-axis (hip)"),
            ChannelSpec.of("mag_z", MAG, "z", "uT", POSITION, "Magnetometer Z-axis (hip)"));
    /** Source column stem of each channel: {@code trousers_<stem>_<unit>}. */
    private static final String[] STEMS = {"Ax", "Ay", "Az", "Gx", "Gy", "Gz", "Mx", "My", "Mz"};

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "VTT-ConIoT", DatasetRole.ZERO_SHOT,
            "VTT-ConIoT: Construction Workers Activity Recognition Dataset. 13 workers performing 16 construction "
                    + "activities. IMU sensors at hip position. Triaxial accelerometer, gyroscope, and magnetometer "
                    + "resampled to 50Hz.",
            "Download VTT_ConIot_Dataset.zip from Zenodo (https://zenodo.org/records/4683703) and save it as "
                    + "<data root>/vtt_coniot.zip, or unpack it into <data root>/vtt_coniot/ so that the "
                    + "activity_<A>_user_<U>_combined.csv files are inside.",
            "terms of Zenodo record 4683703; cite the paper",
            "S.-M. Mäkela, A. Lämsä, J. S. Keränen, J. Liikka, J. Ronkainen, J. Peltola, J. Häikiö, S. Järvinen, "
                    + "M. Bordallo López. Introducing VTT-ConIot: A Realistic Dataset for Activity Recognition of "
                    + "Construction Workers Using IMU Devices. Sustainability 14(1), 220, 2022.");

    public VttConIotReader() {
        super(INFO, ACTIVITIES.values(), Map.of(
                SensorKind.ACCELEROMETER, "g",
                SensorKind.GYROSCOPE, "deg/s",
                SensorKind.MAGNETOMETER, "uT"),
                "rows taken as 100 Hz (the published synchronised rate), linearly interpolated to 50 Hz");
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "VTT-ConIoT activity_<A>_user_<U>_combined.csv files",
                (m, rows, sessions, log) -> {
            int activity = Integer.parseInt(m.group(1));
            String label = ACTIVITIES.get(activity);
            if (label == null) {
                log.skippedFile(rows.file(), "unknown activity number " + activity + " (known: 1-16)");
                return;
            }
            String user = Integer.toString(Integer.parseInt(m.group(2)));
            String stem = String.format(Locale.ROOT, "user%02d_activity%02d_%s", Integer.parseInt(user), activity, label);
            readFile(rows, user, label, stem, sessions, log);
        });
    }

    private void readFile(DelimitedText rows, String user, String label, String stem, List<Session> sessions,
                          ReadLog log) throws IOException {
        Header h = Header.read(rows, log);
        if (h == null) return;
        List<ChannelSpec> specs = new ArrayList<>();
        int[] cols = new int[CHANNELS.size()];
        for (int c = 0; c < cols.length; c++) cols[c] = column(h.row(), c, specs);
        String file = rows.file();
        int[] part = {0};
        RunCutter<String> cutter = new RunCutter<>(specs.size(), Double.POSITIVE_INFINITY, (k, run) ->
                sessions.add(Sessions.make(NAME, stem + "_" + part[0]++, user, label, RATE_HZ, specs,
                        LinearResampler.resample(run.times(), run.samples(), RATE_HZ), file, run.firstLine(),
                        run.lastLine(), log)));
        float[] sample = new float[specs.size()];
        cutter.feed(rows, log, (row, n) -> {
            row.floats(cols, sample);
            cutter.add(stem, (n - 1) / SOURCE_RATE_HZ, sample, row.line()); // rows at 100 Hz from the first
        });
    }

    /** Finds {@code trousers_<stem>_<unit>} of channel {@code c}, adds its spec in that unit, returns its position. */
    private static int column(Row header, int c, List<ChannelSpec> specs) {
        String prefix = (PLACE + "_" + STEMS[c] + "_").toLowerCase(Locale.ROOT);
        ChannelSpec base = CHANNELS.get(c);
        for (int i = 0; i < header.size(); i++) {
            String name = header.text(i);
            if (!name.toLowerCase(Locale.ROOT).startsWith(prefix)) continue;
            String unit = name.substring(prefix.length());
            try {
                Units.toCanonical(base.kind(), unit);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(header.file(), header.line(), i + 1, "column '" + name
                        + "': unknown unit '" + unit + "' for " + base.kind());
            }
            specs.add(ChannelSpec.of(base.name(), base.kind(), base.axis(), unit, POSITION, base.description()));
            return i;
        }
        throw new DataFormatException(header.file(), header.line(), 0, "missing column '" + PLACE + "_" + STEMS[c]
                + "_<unit>' (hip IMU) in the header");
    }
}
