package io.tsfm.datasets.readers;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPPORTUNITY (UCI dataset 226): {@code OpportunityUCIDataset/dataset/S<n>-ADL<k>.dat} and {@code S<n>-Drill.dat},
 * 250 space-separated columns at 30 Hz (MILLISEC, 242 sensor columns with NaN for dropouts, 7 label columns),
 * described by {@code column_names.txt} beside them. As in the reference, the accelerometer and gyroscope of
 * the five body-worn XSens IMUs (back, both upper and lower arms) are read and sessions are the runs of one
 * locomotion label (stand, walk, sit, lie; 0 = no label is left out). Columns are found by name in
 * {@code column_names.txt} when present, else at their published positions.
 *
 * <p>Units: the IMU accelerometers are stored in milli-g; the gyroscopes as round(value × 1000) with "unit =
 * unknown" in column_names.txt — XSens MTx rate of turn is rad/s, so the stored unit is mrad/s.
 */
public final class OpportunityReader extends SeedReader {
    static final String NAME = "opportunity";
    static final double RATE_HZ = 30.0;
    private static final double MAX_GAP_S = 1.0;
    private static final Pattern FILE = Pattern.compile("(?:.*/)?(S\\d+)-(ADL\\d+|Drill)\\.dat");
    private static final Pattern COLUMN_LINE = Pattern.compile("\\s*Column:\\s*(\\d+)\\s+([^;]+?)\\s*(?:;.*)?");

    private static final Map<Long, String> LOCOMOTION = Map.of(1L, "standing", 2L, "walking", 4L, "sitting",
            5L, "lying");
    /** 1-based published positions of the columns read (OpportunityUCIDataset/dataset/column_names.txt). */
    private static final int TIME_COLUMN = 1;
    private static final int LOCOMOTION_COLUMN = 244;
    private static final Map<String, Integer> IMU_FIRST_COLUMN = Map.of(
            "BACK", 38, "RUA", 51, "RLA", 64, "LUA", 77, "LLA", 90);

    private static final Map<String, String> PLACES = Map.of(
            "back", "back-mounted (lower back)", "rua", "right upper arm", "rla", "right lower arm (forearm)",
            "lua", "left upper arm", "lla", "left lower arm (forearm)");
    /** The reference manifest's channel order. */
    private static final String[] GROUPS = {"lua_acc", "rua_acc", "back_acc", "back_gyro", "rua_gyro", "rla_acc",
            "rla_gyro", "lua_gyro", "lla_acc", "lla_gyro"};
    static final List<ChannelSpec> CHANNELS = channels();

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "OPPORTUNITY", DatasetRole.ZERO_SHOT,
            "Activities of daily living in a sensor-rich kitchen environment. 4 subjects performing locomotion "
                    + "activities (stand, walk, sit, lie). 5 body-worn XSens IMUs on back, upper arms, and lower "
                    + "arms at 30 Hz.",
            "Download 'OPPORTUNITY Activity Recognition' from the UCI Machine Learning Repository "
                    + "(https://archive.ics.uci.edu/dataset/226) and save OpportunityUCIDataset.zip as "
                    + "<data root>/opportunity.zip, or unpack it into <data root>/opportunity/ "
                    + "(OpportunityUCIDataset/dataset/S<n>-ADL<k>.dat and column_names.txt inside).",
            "CC BY 4.0 (UCI Machine Learning Repository)",
            "D. Roggen et al. Collecting complex activity datasets in highly rich networked sensor environments. "
                    + "Proc. INSS 2010; R. Chavarriaga et al. The Opportunity challenge: A benchmark database for "
                    + "on-body sensor-based activity recognition. Pattern Recognition Letters 34(15), 2013.");

    private static List<ChannelSpec> channels() {
        List<ChannelSpec> out = new ArrayList<>();
        for (String g : GROUPS) {
            String place = g.substring(0, g.indexOf('_'));
            boolean acc = g.endsWith("acc");
            for (String axis : new String[] {"x", "y", "z"}) {
                String what = acc ? "Accelerometer" : "Gyroscope";
                String desc = what + " " + axis.toUpperCase(Locale.ROOT) + "-axis from " + PLACES.get(place)
                        + " XSens IMU";
                out.add(ChannelSpec.of(g + "_" + axis, acc ? SensorKind.ACCELEROMETER : SensorKind.GYROSCOPE,
                        axis, acc ? "mg" : "mrad/s", PLACES.get(place), desc));
            }
        }
        return List.copyOf(out);
    }

    /** The column_names.txt name of a channel, e.g. "InertialMeasurementUnit BACK gyroY". */
    private static String sourceName(ChannelSpec c) {
        String[] parts = c.name().split("_");
        return "InertialMeasurementUnit " + parts[0].toUpperCase(Locale.ROOT) + " " + parts[1]
                + parts[2].toUpperCase(Locale.ROOT);
    }

    private static int publishedColumn(ChannelSpec c) {
        String[] parts = c.name().split("_");
        int axis = parts[2].charAt(0) - 'x';
        return IMU_FIRST_COLUMN.get(parts[0].toUpperCase(Locale.ROOT)) + (parts[1].equals("acc") ? 0 : 3) + axis;
    }

    public OpportunityReader() {
        super(INFO, LOCOMOTION.values(), Map.of(SensorKind.ACCELEROMETER, "mg", SensorKind.GYROSCOPE, "mrad/s"),
                "none where MILLISEC is on the 30 Hz grid; linear interpolation onto it otherwise");
    }

    /** 0-based positions of time, label and each channel in one folder's .dat files. */
    private record Layout(int time, int label, int[] channels) {}

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        ReadLog log = new ReadLog();
        List<Session> sessions = new ArrayList<>();
        Map<String, Layout> layouts = new HashMap<>();
        for (String file : require(source, FILE.pattern(), "OPPORTUNITY S<n>-ADL<k>.dat files")) {
            Matcher m = FILE.matcher(file);
            if (!m.matches()) continue;
            String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
            Layout layout = layouts.computeIfAbsent(folder, f -> layout(source, f, log));
            String run = m.group(1) + "-" + m.group(2);
            try (DelimitedText rows = whitespaceRows(source.open(file), file)) {
                readFile(rows, m.group(1), run, layout, sessions, log);
            }
        }
        return dataset(sessions, log);
    }

    private Layout layout(DatasetSource source, String folder, ReadLog log) {
        int[] published = new int[CHANNELS.size()];
        for (int c = 0; c < published.length; c++) published[c] = publishedColumn(CHANNELS.get(c)) - 1;
        Layout fallback = new Layout(TIME_COLUMN - 1, LOCOMOTION_COLUMN - 1, published);
        String names = folder + "column_names.txt";
        if (!source.entries().contains(names)) return fallback;
        Map<String, Integer> byName = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(source.open(names), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = COLUMN_LINE.matcher(line);
                if (m.matches()) {
                    byName.putIfAbsent(m.group(2).toLowerCase(Locale.ROOT), Integer.parseInt(m.group(1)) - 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn(names, 0, 0, "names", "unreadable (" + e.getMessage() + "); published column positions used", 1);
            return fallback;
        }
        int[] cols = new int[CHANNELS.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < cols.length; c++) {
            Integer i = byName.get(sourceName(CHANNELS.get(c)).toLowerCase(Locale.ROOT));
            if (i == null) missing.add(sourceName(CHANNELS.get(c)));
            cols[c] = i == null ? published[c] : i;
        }
        Integer time = byName.get("millisec");
        Integer label = byName.get("locomotion");
        if (time == null) missing.add("MILLISEC");
        if (label == null) missing.add("Locomotion");
        if (!missing.isEmpty()) {
            log.warn(names, 0, 0, "names", "no entry for " + missing + "; published column positions used for them", 1);
        }
        return new Layout(time == null ? fallback.time() : time, label == null ? fallback.label() : label, cols);
    }

    private void readFile(DelimitedText rows, String subject, String run, Layout layout, List<Session> sessions,
                          ReadLog log) throws IOException {
        String file = rows.file();
        int[] seq = {0};
        RunCutter<String> cutter = new RunCutter<>(CHANNELS.size(), MAX_GAP_S, (label, r) -> {
            String id = String.format(Locale.ROOT, "%s_%04d_%s", run, seq[0]++, label);
            float[][] samples = LinearResampler.regularize(r.times(), r.samples(), RATE_HZ);
            sessions.add(Sessions.make(NAME, id, subject, label, RATE_HZ, CHANNELS, samples, file,
                    r.firstLine(), r.lastLine(), log));
        });
        float[] sample = new float[CHANNELS.size()];
        long[] unlabelled = {0, 0}; // count, first line
        cutter.feed(rows, log, (row, n) -> {
            long code = row.wholeNumber(layout.label());
            if (code == 0) {
                if (unlabelled[0]++ == 0) unlabelled[1] = row.line();
                cutter.cut();
                return;
            }
            String label = LOCOMOTION.get(code);
            if (label == null) {
                throw row.error(layout.label(), "unknown locomotion code " + code + " (known: 0 and "
                        + LOCOMOTION.keySet() + ")");
            }
            double t = row.number(layout.time()) / 1000.0;
            row.floats(layout.channels(), sample);
            if (!cutter.add(label, t, sample, row.line())) {
                log.warn(file, row.line(), layout.time() + 1, "clock",
                        "MILLISEC not after the previous row's; row dropped", 1);
            }
        });
        if (unlabelled[0] > 0) {
            log.warn(file, unlabelled[1], layout.label() + 1, "null",
                    "rows with locomotion label 0 (none) are not an activity and were left out", unlabelled[0]);
        }
    }
}
