package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText.Row;
import io.tsfm.datasets.reading.DelimitedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shoaib et al. 2014 "Sensors Activity Recognition DataSet": one file per participant, {@code Participant_N.csv},
 * five Samsung Galaxy S2 phones (left and right trouser pocket, right wrist, right upper arm, belt) recorded
 * side by side at 50 Hz. Two header rows: the first names each position over its block of columns, the second
 * names the block's columns ({@code Time_Stamp, Ax, Ay, Az, Lx, Ly, Lz, Gx, Gy, Gz, Mx, My, Mz}); the last column
 * holds the activity. As in the reference, accelerometer, gyroscope and magnetometer of all five positions are
 * read (linear acceleration is derived from the accelerometer and left out); sessions are the runs of one
 * activity. Android units: m/s^2, rad/s, uT.
 */
public final class ShoaibReader extends SeedReader {
    static final String NAME = "shoaib";
    static final double RATE_HZ = 50.0;
    private static final Pattern FILE = Pattern.compile("(?:.*/)?Participant_(\\d+)\\.csv");

    private static final Map<String, String> ACTIVITIES = Map.of(
            "walking", "walking", "standing", "standing", "jogging", "jogging", "sitting", "sitting",
            "biking", "cycling", "upstairs", "walking_upstairs", "downstairs", "walking_downstairs",
            // spelling found in some participants' files
            "upsatirs", "walking_upstairs");

    /** Position key (as in the first header row, lower-cased) → description used in the reference. */
    private static final Map<String, String> POSITIONS = positions();
    private static final String[][] SENSORS = {
            {"acc", "Accelerometer", "m/s^2", "A"}, {"gyro", "Gyroscope", "rad/s", "G"},
            {"mag", "Magnetometer", "uT", "M"}};
    static final List<ChannelSpec> CHANNELS = channels();

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "Shoaib", DatasetRole.ZERO_SHOT,
            "Activity recognition with multiple body-worn smartphones. 10 subjects performing 7 physical "
                    + "activities. Sensors at 5 body positions (left_pocket, right_pocket, wrist, upper_arm, belt) "
                    + "with accelerometer, gyroscope, and magnetometer at 50 Hz.",
            "Download the 'Sensors Activity Recognition DataSet' (Shoaib et al., Sensors 2014) from the Pervasive "
                    + "Systems group, University of Twente (https://www.utwente.nl/en/eemcs/ps/research/dataset/); "
                    + "it is a RAR archive: unpack it into <data root>/shoaib/ (or re-pack it as "
                    + "<data root>/shoaib.zip) so that the Participant_N.csv files are inside.",
            "research use; cite the paper (terms on the University of Twente dataset page)",
            "M. Shoaib, S. Bosch, O. D. Incel, H. Scholten, P. J. M. Havinga. Fusion of Smartphone Motion Sensors "
                    + "for Physical Activity Recognition. Sensors 14(6), 10146-10176, 2014.");

    private static Map<String, String> positions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("left_pocket", "left trouser pocket");
        m.put("right_pocket", "right trouser pocket");
        m.put("wrist", "right wrist");
        m.put("upper_arm", "right upper arm");
        m.put("belt", "belt-mounted on right leg");
        return m;
    }

    private static List<ChannelSpec> channels() {
        List<ChannelSpec> out = new ArrayList<>();
        for (Map.Entry<String, String> p : POSITIONS.entrySet()) {
            for (String[] s : SENSORS) {
                SensorKind kind = s[0].equals("acc") ? SensorKind.ACCELEROMETER
                        : s[0].equals("gyro") ? SensorKind.GYROSCOPE : SensorKind.MAGNETOMETER;
                for (String axis : new String[] {"x", "y", "z"}) {
                    out.add(ChannelSpec.of(p.getKey() + "_" + s[0] + "_" + axis, kind, axis, s[2], p.getValue(),
                            s[1] + " " + axis.toUpperCase(Locale.ROOT) + "-axis from " + p.getValue()
                                    + " smartphone sensor"));
                }
            }
        }
        return List.copyOf(out);
    }

    public ShoaibReader() {
        super(INFO, ACTIVITIES.values(), Map.of(
                SensorKind.ACCELEROMETER, "m/s^2",
                SensorKind.GYROSCOPE, "rad/s",
                SensorKind.MAGNETOMETER, "uT"),
                "none (50 Hz rows)");
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "Shoaib Participant_N.csv files",
                (m, rows, sessions, log) -> readFile(rows, m.group(1), sessions, log));
    }

    private void readFile(DelimitedText rows, String subject, List<Session> sessions, ReadLog log) throws IOException {
        Row positions = rows.next();
        Row names = positions == null ? null : rows.next();
        if (names == null) {
            log.skippedFile(rows.file(), "fewer than the two header rows");
            return;
        }
        int[] cols = columns(positions, names);
        int labelCol = names.size() - 1;
        String file = rows.file();
        int[] seq = {0};
        RunCutter<String> cutter = new RunCutter<>(CHANNELS.size(), Double.POSITIVE_INFINITY, (label, run) -> {
            String id = String.format(Locale.ROOT, "participant%02d_%04d_%s", Integer.parseInt(subject), seq[0]++,
                    label);
            sessions.add(Sessions.make(NAME, id, subject, label, RATE_HZ, CHANNELS, run.samples(), file,
                    run.firstLine(), run.lastLine(), log));
        });
        float[] sample = new float[CHANNELS.size()];
        cutter.feed(rows, log, (row, n) -> {
            String raw = row.text(labelCol);
            String label = ACTIVITIES.get(raw.toLowerCase(Locale.ROOT));
            if (label == null) {
                throw row.error(labelCol, "unknown activity '" + DelimitedText.abbreviate(raw) + "' (known: "
                        + ACTIVITIES.keySet() + ")");
            }
            row.floats(cols, sample);
            cutter.add(label, n / RATE_HZ, sample, row.line());
        });
    }

    /** 0-based source column of each channel, from the position row and the column-name row. */
    private static int[] columns(Row positions, Row names) {
        Map<String, Integer> blockStart = new LinkedHashMap<>();
        for (int i = 0; i < positions.size(); i++) {
            String key = positions.text(i).toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!key.isEmpty()) blockStart.putIfAbsent(key, i);
        }
        int[] cols = new int[CHANNELS.size()];
        int c = 0;
        for (String position : POSITIONS.keySet()) {
            Integer start = blockStart.get(position);
            if (start == null) {
                throw new DataFormatException(positions.file(), positions.line(), 0, "no '" + position
                        + "' block in the position header row " + blockStart.keySet());
            }
            int end = names.size();
            for (int s : blockStart.values()) if (s > start && s < end) end = s;
            for (String[] sensor : SENSORS) {
                for (String axis : new String[] {"x", "y", "z"}) {
                    String name = sensor[3] + axis;
                    int found = -1;
                    for (int i = start; i < end && found < 0; i++) {
                        if (names.text(i).equalsIgnoreCase(name)) found = i;
                    }
                    if (found < 0) {
                        throw new DataFormatException(names.file(), names.line(), start + 1,
                                "no column '" + name + "' in the " + position + " block");
                    }
                    cols[c++] = found;
                }
            }
        }
        return cols;
    }
}
