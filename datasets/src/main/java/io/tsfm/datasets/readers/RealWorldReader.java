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
import io.tsfm.datasets.reading.SampleBuffer;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * RealWorld HAR (Sztyler and Stuckenschmidt, University of Mannheim): per subject
 * {@code proband<N>/data/<sensor>_<activity>_csv.zip}, sensor {@code acc}, {@code gyr} or {@code mag}, each zip
 * holding one CSV per body position ({@code <prefix>_<activity>[_<part>]_<position>.csv} with
 * {@code id, attr_time, attr_x, attr_y, attr_z}, time in epoch milliseconds). As in the reference the waist
 * position is read. The three sensors are separately clocked at about 50 Hz; each recording (subject, activity,
 * part) becomes one session on a common 50 Hz grid over the span all its sensors cover, each sensor linearly
 * interpolated onto it (a missing gyroscope or magnetometer file leaves those channels out, with a warning).
 * Android units: m/s^2, rad/s, uT.
 */
public final class RealWorldReader extends SeedReader {
    static final String NAME = "realworld";
    static final double RATE_HZ = 50.0;
    private static final String POSITION = "waist";
    private static final Pattern ZIP = Pattern.compile(
            "(?:.*/)?proband(\\d+)/data/(acc|gyr|mag)_([a-z]+)(?:_(\\d+))?_csv\\.zip");
    private static final Pattern CSV = Pattern.compile("(?i)(?:.*/)?[a-z]+_([a-z]+)(?:_(\\d+))?_" + POSITION + "\\.csv");
    private static final Pattern NESTED_ZIP = Pattern.compile("(?i).*_csv\\.zip");

    private static final Map<String, String> ACTIVITIES = Map.of(
            "climbingdown", "stairs_down", "climbingup", "stairs_up", "jumping", "jumping", "lying", "lying",
            "running", "running", "sitting", "sitting", "standing", "standing", "walking", "walking");
    /** Sensor file prefixes, in channel order. */
    private static final String[] SENSORS = {"acc", "gyr", "mag"};
    static final List<ChannelSpec> CHANNELS = channels();

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "RealWorld HAR", DatasetRole.ZERO_SHOT,
            "RealWorld Human Activity Recognition dataset from University of Mannheim. 15 subjects performing 8 "
                    + "activities with sensors at waist position. Triaxial accelerometer, gyroscope, and "
                    + "magnetometer resampled to 50Hz.",
            "Download realworld2016_dataset.zip from "
                    + "https://www.uni-mannheim.de/dws/research/projects/activity-recognition/dataset/dataset-realworld/ "
                    + "and save it as <data root>/realworld.zip, or unpack it into <data root>/realworld/ keeping "
                    + "proband<N>/data/<sensor>_<activity>_csv.zip (the inner zips stay zipped).",
            "research use; cite the paper (terms on the University of Mannheim dataset page)",
            "T. Sztyler, H. Stuckenschmidt. On-body Localization of Wearable Devices: An Investigation of "
                    + "Position-Aware Activity Recognition. Proc. IEEE PerCom 2016.");

    private static List<ChannelSpec> channels() {
        List<ChannelSpec> out = new ArrayList<>();
        for (String s : SENSORS) {
            for (String axis : new String[] {"x", "y", "z"}) {
                String a = axis.toUpperCase(Locale.ROOT);
                out.add(switch (s) {
                    case "acc" -> ChannelSpec.of("acc_" + axis, SensorKind.ACCELEROMETER, axis, "m/s^2", POSITION,
                            "Accelerometer " + a + "-axis (waist)");
                    case "gyr" -> ChannelSpec.of("gyro_" + axis, SensorKind.GYROSCOPE, axis, "rad/s", POSITION,
                            "Gyroscope " + a + "-axis (waist)");
                    default -> ChannelSpec.of("mag_" + axis, SensorKind.MAGNETOMETER, axis, "uT", POSITION,
                            "Magnetometer " + a + "-axis (waist)");
                });
            }
        }
        return List.copyOf(out);
    }

    public RealWorldReader() {
        super(INFO, ACTIVITIES.values(), Map.of(
                SensorKind.ACCELEROMETER, "m/s^2",
                SensorKind.GYROSCOPE, "rad/s",
                SensorKind.MAGNETOMETER, "uT"),
                "acc, gyr and mag (separate ~50 Hz clocks) linearly interpolated onto one 50 Hz grid over the span "
                        + "all cover");
    }

    /** One recording: subject, activity code, part. */
    private record Recording(int subject, String activity, String part) implements Comparable<Recording> {
        @Override
        public int compareTo(Recording o) {
            int c = Integer.compare(subject, o.subject);
            if (c == 0) c = activity.compareTo(o.activity);
            return c != 0 ? c : part.compareTo(o.part);
        }
    }

    /** One sensor's samples of a recording: times in epoch ms, [axis][t] values. */
    private record Series(String file, double[] timesMs, float[][] xyz, long firstLine, long lastLine) {}

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        ReadLog log = new ReadLog();
        Map<Recording, Map<String, Series>> recordings = new TreeMap<>();
        for (String zip : require(source, ZIP.pattern(), "RealWorld proband<N>/data/<sensor>_<activity>_csv.zip")) {
            Matcher m = ZIP.matcher(zip);
            if (!m.matches()) continue;
            int subject = Integer.parseInt(m.group(1));
            String sensor = m.group(2);
            String activity = m.group(3);
            if (!ACTIVITIES.containsKey(activity)) {
                log.skippedFile(zip, "unknown activity '" + activity + "' (known: " + ACTIVITIES.keySet() + ")");
                continue;
            }
            String zipPart = m.group(4) == null ? "1" : m.group(4);
            int found;
            try (InputStream in = source.open(zip)) {
                found = scanZip(in, zip, (inner, part, bytes) -> {
                    Series s = readCsv(bytes, zip + "!" + inner, log);
                    if (s == null) return;
                    Recording r = new Recording(subject, activity, part != null ? part : zipPart);
                    Map<String, Series> bySensor = recordings.computeIfAbsent(r, k -> new TreeMap<>());
                    if (bySensor.putIfAbsent(sensor, s) != null) {
                        log.warn(s.file(), 0, 0, "duplicate", "a second " + sensor + " file for the same recording; "
                                + "ignored", 1);
                    }
                });
            } catch (IOException e) {
                log.skippedFile(zip, "unreadable zip (" + e.getMessage() + ")");
                continue;
            }
            if (found == 0) {
                log.warn(zip, 0, 0, "no-waist", "no *_" + POSITION + ".csv inside; nothing read from it", 1);
            }
        }
        List<Session> sessions = new ArrayList<>();
        for (Map.Entry<Recording, Map<String, Series>> e : recordings.entrySet()) {
            Session s = merge(e.getKey(), e.getValue(), log);
            if (s != null) sessions.add(s);
        }
        return dataset(sessions, log);
    }

    private interface CsvSink {
        void accept(String inner, String part, byte[] bytes) throws IOException;
    }

    /** Hands every waist CSV in the zip (and in zips nested one level inside it) to {@code sink}; returns how many. */
    private static int scanZip(InputStream in, String zip, CsvSink sink) throws IOException {
        int found = 0;
        ZipInputStream z = new ZipInputStream(in);
        ZipEntry entry;
        while ((entry = z.getNextEntry()) != null) {
            if (entry.isDirectory()) continue;
            Matcher m = CSV.matcher(entry.getName());
            if (m.matches()) {
                sink.accept(entry.getName(), m.group(2), z.readAllBytes());
                found++;
            } else if (NESTED_ZIP.matcher(entry.getName()).matches()) {
                found += scanZip(new ByteArrayInputStream(z.readAllBytes()), zip + "!" + entry.getName(), sink);
            }
        }
        return found;
    }

    private static Series readCsv(byte[] bytes, String file, ReadLog log) throws IOException {
        try (DelimitedText rows = csvRows(new ByteArrayInputStream(bytes), file)) {
            Header h = Header.read(rows, log);
            if (h == null) return null;
            int timeCol = h.require("attr_time");
            int[] cols = h.requireAll("attr_x", "attr_y", "attr_z");
            SampleBuffer buf = new SampleBuffer(3);
            float[] v = new float[3];
            Row row;
            while ((row = rows.next()) != null) {
                try {
                    double t = row.number(timeCol);
                    row.floats(cols, v);
                    if (!buf.isEmpty() && !(t > buf.lastTime())) {
                        log.warn(file, row.line(), timeCol + 1, "clock", "attr_time not after the previous row's; "
                                + "row dropped", 1);
                        continue;
                    }
                    buf.append(t, v, row.line());
                } catch (DataFormatException e) {
                    // the row is left out; interpolation bridges the 20 ms it covered
                    log.error(e);
                }
            }
            if (buf.isEmpty()) {
                log.skippedFile(file, "no readable samples");
                return null;
            }
            return new Series(file, buf.times(), buf.samples(), buf.firstLine(), buf.lastLine());
        } catch (DataFormatException e) {
            log.skippedFile(e);
            return null;
        }
    }

    private static Session merge(Recording r, Map<String, Series> bySensor, ReadLog log) {
        Series acc = bySensor.get("acc");
        String where = String.format(Locale.ROOT, "proband%d %s part %s", r.subject(), r.activity(), r.part());
        if (acc == null) {
            log.warn(bySensor.values().iterator().next().file(), 0, 0, "no-acc",
                    "no accelerometer file for " + where + "; its other sensors are not used", 1);
            return null;
        }
        double startMs = Double.NEGATIVE_INFINITY;
        double endMs = Double.POSITIVE_INFINITY;
        List<String> present = new ArrayList<>();
        for (String s : SENSORS) {
            Series series = bySensor.get(s);
            if (series == null) continue;
            present.add(s);
            startMs = Math.max(startMs, series.timesMs()[0]);
            endMs = Math.min(endMs, series.timesMs()[series.timesMs().length - 1]);
        }
        if (present.size() < SENSORS.length) {
            log.warn(acc.file(), 0, 0, "partial", "recording " + where + " has no file for some of " + List.of(SENSORS)
                    + "; session holds " + present + " only", 1);
        }
        int n = LinearResampler.gridLength(0, (endMs - startMs) / 1000.0, RATE_HZ);
        if (n == 0) {
            log.warn(acc.file(), 0, 0, "overlap", "the sensors of " + where + " do not overlap in time; left out", 1);
            return null;
        }
        List<ChannelSpec> specs = new ArrayList<>();
        float[][] samples = new float[present.size() * 3][];
        int c = 0;
        for (String s : present) {
            Series series = bySensor.get(s);
            double[] t = new double[series.timesMs().length];
            for (int i = 0; i < t.length; i++) t[i] = (series.timesMs()[i] - startMs) / 1000.0;
            float[][] grid = LinearResampler.resample(t, series.xyz(), LinearResampler.Clock.atRate(0, RATE_HZ, n));
            int first = List.of(SENSORS).indexOf(s) * 3;
            for (int a = 0; a < 3; a++) {
                specs.add(CHANNELS.get(first + a));
                samples[c++] = grid[a];
            }
        }
        String id = String.format(Locale.ROOT, "proband%02d_%s_%s", r.subject(), r.activity(), r.part());
        return Sessions.make(NAME, id, Integer.toString(r.subject()), ACTIVITIES.get(r.activity()), RATE_HZ, specs,
                samples, acc.file(), acc.firstLine(), acc.lastLine(), log);
    }
}
