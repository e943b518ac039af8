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
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HARTH (UCI dataset 779): free-living recordings of 22 subjects, one file per subject {@code harth/S0NN.csv}
 * with {@code timestamp, back_x, back_y, back_z, thigh_x, thigh_y, thigh_z, label} (some files add an index
 * column), two Axivity AX3 accelerometers in g at 50 Hz, one annotated activity code per row. A session is one
 * continuous run of one code; the inactive-cycling codes 130/140 are merged into cycling (sit/stand) as in the
 * reference. Runs whose timestamps are off the 50 Hz grid are interpolated onto it; a clock jump over 1 s
 * ends a run.
 */
public final class HarthReader extends SeedReader {
    static final String NAME = "harth";
    static final double RATE_HZ = 50.0;
    private static final double MAX_GAP_S = 1.0;
    private static final Pattern FILE = Pattern.compile("(?:.*/)?(S\\d+)\\.csv");

    private static final Map<Long, String> CODES = Map.ofEntries(
            Map.entry(1L, "walking"), Map.entry(2L, "running"), Map.entry(3L, "shuffling"),
            Map.entry(4L, "stairs_up"), Map.entry(5L, "stairs_down"), Map.entry(6L, "standing"),
            Map.entry(7L, "sitting"), Map.entry(8L, "lying"),
            Map.entry(13L, "cycling_sit"), Map.entry(14L, "cycling_stand"),
            Map.entry(130L, "cycling_sit"), Map.entry(140L, "cycling_stand"));

    private static final SensorKind ACC = SensorKind.ACCELEROMETER;
    static final List<ChannelSpec> CHANNELS = List.of(
            ChannelSpec.of("back_acc_x", ACC, "x", "g", "lower back", "Back accelerometer X-axis"),
            ChannelSpec.of("back_acc_y", ACC, "y", "g", "lower back", "Back accelerometer Y-axis"),
            ChannelSpec.of("back_acc_z", ACC, "z", "g", "lower back", "Back accelerometer Z-axis"),
            ChannelSpec.of("thigh_acc_x", ACC, "x", "g", "right thigh", "Thigh accelerometer X-axis"),
            ChannelSpec.of("thigh_acc_y", ACC, "y", "g", "right thigh", "Thigh accelerometer Y-axis"),
            ChannelSpec.of("thigh_acc_z", ACC, "z", "g", "right thigh", "Thigh accelerometer Z-axis"));
    private static final String[] COLUMNS = {"back_x", "back_y", "back_z", "thigh_x", "thigh_y", "thigh_z"};

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "HARTH", DatasetRole.ZERO_SHOT,
            "Human Activity Recognition Trondheim. 22 subjects performing 12 daily activities recorded in "
                    + "free-living conditions. Two 3-axis accelerometers (lower back and right thigh) at 50 Hz. "
                    + "Accelerometer only.",
            "Download HARTH from the UCI Machine Learning Repository (https://archive.ics.uci.edu/dataset/779/harth) "
                    + "and save the archive as <data root>/harth.zip, or unpack it into <data root>/harth/ so that "
                    + "the subject files S0NN.csv are inside (a harth/ folder level is fine).",
            "CC BY 4.0 (UCI Machine Learning Repository)",
            "A. Logacjov, K. Bach, A. Kongsvold, H. B. Bardstu, P. J. Mork. HARTH: A Human Activity Recognition "
                    + "Dataset for Machine Learning. Sensors 21(23), 7853, 2021.");

    public HarthReader() {
        super(INFO, CODES.values(), Map.of(SensorKind.ACCELEROMETER, "g"),
                "runs on the 50 Hz timestamp grid kept as recorded; others linearly interpolated onto it");
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        return readCsvFiles(source, FILE, "HARTH subject files S0NN.csv",
                (m, rows, sessions, log) -> readFile(rows, m.group(1), sessions, log));
    }

    private void readFile(DelimitedText rows, String subject, List<Session> sessions, ReadLog log) throws IOException {
        Header h = Header.read(rows, log);
        if (h == null) return;
        int timeCol = h.require("timestamp");
        int labelCol = h.require("label");
        int[] cols = h.requireAll(COLUMNS);
        String file = rows.file();
        int[] seq = {0};
        RunCutter<String> cutter = new RunCutter<>(CHANNELS.size(), MAX_GAP_S, (label, run) -> {
            String id = String.format(Locale.ROOT, "%s_%04d_%s", subject, seq[0]++, label);
            float[][] samples = LinearResampler.regularize(run.times(), run.samples(), RATE_HZ);
            sessions.add(Sessions.make(NAME, id, subject, label, RATE_HZ, CHANNELS, samples, file,
                    run.firstLine(), run.lastLine(), log));
        });
        float[] sample = new float[CHANNELS.size()];
        double[] origin = {Double.NaN}; // times relative to the file's first row keep sub-millisecond precision
        cutter.feed(rows, log, (row, n) -> {
            long code = row.wholeNumber(labelCol);
            String label = CODES.get(code);
            if (label == null) {
                throw row.error(labelCol, "unknown activity code " + code + " (known: " + CODES.keySet() + ")");
            }
            double t = seconds(row, timeCol);
            if (Double.isNaN(origin[0])) origin[0] = t;
            t -= origin[0];
            row.floats(cols, sample);
            if (!cutter.add(label, t, sample, row.line())) {
                log.warn(file, row.line(), timeCol + 1, "clock", "timestamp not after the previous row's; "
                        + "row dropped", 1);
            }
        });
    }

    /** A HARTH timestamp ("2019-01-12 00:00:00.020") in seconds, or plain seconds if numeric. */
    private static double seconds(Row row, int col) {
        String s = row.text(col);
        try {
            LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'));
            return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
        } catch (DateTimeParseException e) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e2) {
                throw new DataFormatException(row.file(), row.line(), col + 1,
                        "not a timestamp: '" + DelimitedText.abbreviate(s) + "'");
            }
        }
    }
}
