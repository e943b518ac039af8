package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KU-HAR (Sikder and Nahid 2021) in its published raw-data layout
 * {@code 1.Raw_time_domian_data/<id>.<Activity>/<subject>_<code>_<trial>.csv} (the folder name's spelling is
 * the publisher's): one trial per file at 100 Hz, eight comma-separated columns without header, as the
 * publisher describes them: accelerometer time (ms), acceleration X, Y, Z (m/s²), gyroscope time (ms),
 * angular rate X, Y, Z (rad/s). Each trial is one session (rows taken at the published 100 Hz; the time
 * columns are not used). When the archive also holds the trimmed copy ({@code 2.Trimmed_raw_data}), only
 * the raw folder is read, so no trial is read twice. Activity 13 (walk in a circle) is labelled
 * {@code walking}, as in the reference, which has 17 labels for the 18 activities.
 */
public final class KuHarReader extends SeedFactsReader {
    private static final Pattern FILE = Pattern.compile("(.*/)?(\\d+)\\.([A-Za-z-]+)/([^/]+)\\.csv");
    private static final Pattern SUBJECT = Pattern.compile("(\\d+)_.*");
    private static final int COLUMNS = 8;
    private static final double RATE = 100.0;
    /** Activity folder id → the publisher's folder name (for a check) and the reference label. */
    private static final String[][] ACTIVITY = {{"Stand", "standing"}, {"Sit", "sitting"},
            {"Talk-sit", "talking_sitting"}, {"Talk-stand", "talking_standing"}, {"Stand-sit", "standing_up_from_sitting"},
            {"Lay", "lying"}, {"Lay-stand", "standing_up_from_laying"}, {"Pick", "picking_up"}, {"Jump", "jumping"},
            {"Push-up", "push_up"}, {"Sit-up", "sit_up"}, {"Walk", "walking"}, {"Walk-backwards", "walking_backwards"},
            {"Walk-circle", "walking"}, {"Run", "running"}, {"Stair-up", "walking_upstairs"},
            {"Stair-down", "walking_downstairs"}, {"Table-tennis", "playing_sports"}};

    private final List<Channel> channels = new ArrayList<>();

    public KuHarReader() {
        super("kuhar", "https://data.mendeley.com/datasets/45f952y38r",
                "'1.Raw_time_domian_data/0.Stand/1001_A_1.csv' ... '17.Table-tennis/...'",
                "CC BY 4.0 (Mendeley Data)",
                "Sikder, Nahid. KU-HAR: An open dataset for heterogeneous human activity recognition. "
                        + "Pattern Recognition Letters 146, 2021.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"),
                "none");
        channels.addAll(facts().triaxial("acc", SensorKind.ACCELEROMETER, "front trouser pocket"));
        channels.addAll(facts().triaxial("gyro", SensorKind.GYROSCOPE, "front trouser pocket"));
    }

    @Override
    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        List<String> files = new ArrayList<>();
        boolean rawFolder = false;
        for (String e : source.entries()) {
            if (!FILE.matcher(e).matches()) continue;
            files.add(e);
            rawFolder |= isRaw(e);
        }
        if (rawFolder) files.removeIf(e -> !isRaw(e));
        if (files.isEmpty()) throw notFound(source, "1.Raw_time_domian_data/<id>.<Activity>/<subject>_*.csv");
        DatasetBuilder out = builder();
        for (String file : files) {
            Matcher m = FILE.matcher(file);
            m.matches();
            int id = Integer.parseInt(m.group(2));
            String folder = m.group(2) + "." + m.group(3);
            if (id >= ACTIVITY.length || !sameName(m.group(3), ACTIVITY[id][0])) {
                out.problems().error(file, 0, 0, "activity folder '" + folder + "' is not one of the published "
                        + "0.Stand .. 17.Table-tennis; file skipped");
                continue;
            }
            Matcher s = SUBJECT.matcher(m.group(4));
            if (!s.matches()) {
                out.problems().error(file, 0, 0, "file name does not start with '<subject>_'; file skipped");
                continue;
            }
            String baseId = String.format(Locale.ROOT, "%02d_%s", id, m.group(4));
            List<SampleBuffer.Run> parts = RecordingFile.read(source, file,
                    DelimitedText.Format.delimited(',').columns(COLUMNS), 6, (r, row) -> {
                        for (int c = 0; c < 3; c++) row[c] = (float) r.number(1 + c);
                        for (int c = 0; c < 3; c++) row[3 + c] = (float) r.number(5 + c);
                    }, out.problems());
            for (int i = 0; i < parts.size(); i++) {
                SampleBuffer.Run p = parts.get(i);
                out.fillMissing(p.samples(), file, p.firstLine());
                out.add(new Session(RecordingFile.partId(baseId, i), name(), s.group(1),
                        facts().activity(ACTIVITY[id][1]), RATE, channels, p.samples(),
                        file + ":" + p.firstLine() + "-" + p.lastLine()));
            }
        }
        return out.build();
    }

    private static boolean isRaw(String entry) {
        return entry.toLowerCase(Locale.ROOT).contains("raw_time_dom");
    }

    /** Folder names compared without case, punctuation or a plural 's' ("Walk-backward" = "Walk-backwards"). */
    private static boolean sameName(String a, String b) {
        return simplify(a).equals(simplify(b));
    }

    private static String simplify(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").replaceAll("s$", "");
    }
}
