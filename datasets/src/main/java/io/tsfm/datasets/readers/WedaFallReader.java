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
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.MissingValues;
import io.tsfm.datasets.reading.ProblemLog;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WEDA-FALL (Marques and Moreno, 2023): a Fitbit Sense smartwatch on the wrist, one trial per
 * {@code dataset/50Hz/<CODE>/U<user>_R<trial>_<accel|gyro>.csv} pair, each a CSV with a header
 * ({@code accel_time_list,accel_x_list,...}) and rows {@code seconds, x, y, z}. Subject = user id. The
 * orientation and vertical-acceleration files are not read.
 *
 * <p>Units: accelerometer in m/s^2 (|a| of the quiet parts of the sit-down trials is 9.8), gyroscope in
 * rad/s: the README states no unit, but at rest it reads 0.0-0.1 and while walking its 99th percentile of
 * |w| is about 5 (jogging 9), which is a wrist's swing in rad/s and would be implausibly small in deg/s. Both
 * are kept as stored.
 *
 * <p>Timing: the timestamps are delivery times, not sampling instants: samples arrive in bursts of about 5
 * rows 1-2 ms apart every ~0.1 s (some trials 4 per burst, i.e. ~40 Hz). A burst starts where a timestamp
 * is more than {@value #BURST_GAP_S} s after the previous one; its samples are re-timed evenly from the
 * burst's first timestamp to the next burst's, at most {@value #MAX_SPACING_S} s apart (so the rare longer
 * pause, where samples were lost, stays a gap and is warned beyond {@value #GAP_WARN_S} s); the last burst is
 * spaced at 50 Hz. Some files hold a burst out of time order (a late batch, e.g. {@code D01/U27_R01_accel}:
 * rows 0.3-0.7 s after rows 0.7-1.1 s, values continuous in time order): rows are stably sorted by
 * timestamp, warned with their count. Accelerometer and gyroscope are then linearly interpolated onto one
 * 50 Hz clock over their overlap ({@link LinearResampler}).
 *
 * <p>Labels from the folder code. Falls: {@code dataset/fall_timestamps.csv} gives the start and end second
 * of the actual fall inside each fall trial (the authors' manual marks, 3 s each); <b>only that interval</b>
 * becomes the fall session and the rest of the trial (walking or sitting before, lying after) is dropped, so
 * no pre-fall activity is labelled a fall. A fall trial without a mark, or whose mark lies outside the data,
 * is skipped and reported. ADL trials are one session each.
 *
 * <p>Bad input, each a {@link ReadProblem} naming file and line: a malformed row is skipped (its neighbours
 * keep their timestamps); a trial without its partner file, or with no overlap, is skipped. Stateless and
 * thread-safe.
 */
public final class WedaFallReader implements DatasetReader {
    static final String NAME = "weda_fall";
    static final double RATE_HZ = 50.0;
    static final String POSITION = "wrist";
    /** A timestamp step longer than this starts a new delivery burst (bursts come ~0.1 s apart, rows inside 1-10 ms). */
    static final double BURST_GAP_S = 0.04;
    /** Re-timed samples are at most this far apart (the slowest trials deliver ~39 Hz). */
    static final double MAX_SPACING_S = 1 / 35.0;
    /** Pauses between re-timed samples longer than this (lost samples) are warned; interpolation bridges them. */
    static final double GAP_WARN_S = 0.25;

    /** Folder code → label. Lateral falls do not say which side, so they are {@code fall_sideways}. */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("D01", "walking"), Map.entry("D02", "jogging"), Map.entry("D03", "stairs"),
            Map.entry("D04", "sit_down_and_get_up"), Map.entry("D05", "collapsing_into_chair"),
            Map.entry("D06", "crouching"), Map.entry("D07", "stumbling"), Map.entry("D08", "jumping"),
            Map.entry("D09", "hitting_table"), Map.entry("D10", "clapping"), Map.entry("D11", "opening_door"),
            Map.entry("F01", "falling_forward"),          // forward, slip while walking
            Map.entry("F02", "fall_sideways"),            // lateral, slip while walking
            Map.entry("F03", "falling_backward"),         // backward, slip while walking
            Map.entry("F04", "falling_forward"),          // forward, trip while walking
            Map.entry("F05", "falling_backward_sitting"), // backward when trying to sit down
            Map.entry("F06", "falling_forward"),          // forward from sitting (fainting)
            Map.entry("F07", "falling_backward"),         // backward from sitting (fainting)
            Map.entry("F08", "fall_sideways"));           // lateral from sitting (fainting)

    static final String DESCRIPTION = "WEDA-FALL: Wrist Elderly Daily Activity and Fall dataset. 25 subjects"
            + " (14 young adults, 11 aged 77-95) performing 11 daily activities and 8 simulated fall types with a"
            + " Fitbit Sense smartwatch on the wrist. Triaxial accelerometer and gyroscope at 50Hz.";

    static final String RESAMPLING = "timestamps are burst delivery times (~5 rows every ~0.1 s): samples are"
            + " re-timed evenly within each burst (at most " + String.format(Locale.ROOT, "%.4f", MAX_SPACING_S)
            + " s apart), rows out of time order sorted; accelerometer and gyroscope then "
            + LinearResampler.METHOD + " at 50 Hz over their overlap";

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "WEDA-FALL", DatasetRole.TRAIN, DESCRIPTION,
            "Download the repository https://github.com/joaojtmarques/WEDA-FALL (README.md, dataset/50Hz/,"
                    + " dataset/fall_timestamps.csv) and put it as weda_fall/ (or zipped as weda_fall.zip) under the"
                    + " data root.",
            "No licence stated by the authors: research use with citation",
            "J. Marques, P. Moreno. Online Fall Detection Using Wrist Devices. Sensors 23(3), 2023.");

    private static final Pattern FILE = Pattern.compile(
            "((?:.*/)?)dataset/50Hz/([DF]\\d\\d)/U(\\d+)_R(\\d+)_(accel|gyro)\\.csv");
    private static final Pattern MARKS = Pattern.compile("((?:.*/)?)dataset/fall_timestamps\\.csv");
    private static final Pattern MARK_KEY = Pattern.compile("(F\\d\\d)/U(\\d+)_R(\\d+)");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    /** The files of one trial; either may be null when missing. */
    private static final class Trial {
        final String code;
        final int user;
        final int trial;
        String accel;
        String gyro;

        Trial(String code, int user, int trial) {
            this.code = code;
            this.user = user;
            this.trial = trial;
        }

        String key() {
            return String.format(Locale.ROOT, "%s/U%02d_R%02d", code, user, trial);
        }
    }

    /** A fall's marked interval (seconds of the trial's files) and where it was read. */
    record Mark(double start, double end, String file, long line) {}

    /** One stream after re-timing: strictly increasing seconds, values [axis][i]. */
    record Stream(double[] t, float[][] v) {}

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        ProblemLog log = new ProblemLog();
        Map<String, Trial> trials = new TreeMap<>();
        String marksFile = null;
        for (String e : src.entries()) {
            if (MARKS.matcher(e).matches()) marksFile = e;
            Matcher m = FILE.matcher(e);
            if (!m.matches()) continue;
            Trial t = new Trial(m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            t = trials.computeIfAbsent(t.key(), k -> new Trial(m.group(2), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4))));
            if (m.group(5).equals("accel")) t.accel = e;
            else t.gyro = e;
        }
        if (trials.isEmpty()) {
            throw new IOException(src.location() + ": not the WEDA-FALL layout (no dataset/50Hz/<CODE>/U<n>_R<n>_accel|gyro.csv"
                    + " files). " + INFO.downloadHint());
        }
        Map<String, Mark> marks = marksFile == null ? Map.of() : readMarks(src, marksFile, log);
        if (marksFile == null) {
            log.error(src.location(), 0, 0, "dataset/fall_timestamps.csv is missing: fall trials cannot be cut to the"
                    + " fall and are skipped");
        }
        List<Channel> channels = Channel.accGyro(POSITION);
        List<Session> sessions = new ArrayList<>();
        for (Trial t : trials.values()) {
            Session s = readTrial(src, t, marks, channels, log);
            if (s != null) sessions.add(s);
        }
        List<ReadProblem> problems = new ArrayList<>(log.problems());
        return new Dataset(ReaderSupport.manifest(INFO, sessions, LABELS.values(),
                Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"), RESAMPLING),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    /** {@code F01/U01_R01,4.7,7.7} rows, keyed like {@link Trial#key()}. */
    static Map<String, Mark> readMarks(DatasetSource src, String file, ProblemLog log) throws IOException {
        Map<String, Mark> out = new HashMap<>();
        try (InputStream in = src.open(file);
             DelimitedText rows = DelimitedText.open(in, file, DelimitedText.Format.csvWithHeader())) {
            DelimitedText.Row r;
            while ((r = rows.next(log)) != null) {
                try {
                    Matcher m = MARK_KEY.matcher(r.text(0));
                    if (!m.matches()) throw r.error(0, "expected F<nn>/U<nn>_R<nn>, found '" + r.text(0) + "'");
                    double start = r.number(1);
                    double end = r.number(2);
                    if (!(end > start) || start < 0) throw r.error(2, "fall end " + end + " is not after start " + start);
                    String key = String.format(Locale.ROOT, "%s/U%02d_R%02d", m.group(1), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                    Mark prev = out.putIfAbsent(key, new Mark(start, end, file, r.line()));
                    if (prev != null) throw r.error(0, key + " is already marked at line " + prev.line);
                } catch (DataFormatException e) {
                    log.error(e.file(), e.line(), e.column(), e.reason() + "; row skipped");
                }
            }
        } catch (DataFormatException e) {
            log.error(e);
        }
        return out;
    }

    private static Session readTrial(DatasetSource src, Trial t, Map<String, Mark> marks, List<Channel> channels,
                                     ProblemLog log) throws IOException {
        String id = String.format(Locale.ROOT, "U%02d_%s_R%02d", t.user, t.code, t.trial);
        if (t.accel == null || t.gyro == null) {
            log.error(t.accel != null ? t.accel : t.gyro, 0, 0, "no " + (t.accel == null ? "accel" : "gyro")
                    + " partner file for this trial; trial skipped");
            return null;
        }
        String label = LABELS.get(t.code);
        if (label == null || !ReaderSupport.inVocabulary(label)) {
            log.error(t.accel, 0, 0, "activity code " + t.code + " has no label in the vocabulary; trial skipped");
            return null;
        }
        Mark mark = null;
        if (t.code.startsWith("F")) {
            mark = marks.get(t.key());
            if (mark == null) {
                log.error(t.accel, 0, 0, "fall trial " + t.key() + " has no row in fall_timestamps.csv; trial skipped");
                return null;
            }
        }
        Stream acc = readStream(src, t.accel, log);
        Stream gyro = readStream(src, t.gyro, log);
        if (acc == null || gyro == null) return null;
        LinearResampler.Clock clock = LinearResampler.commonClock(RATE_HZ, acc.t, gyro.t);
        String source = t.accel + " + " + t.gyro;
        if (mark != null) {
            // the instants of the common clock inside the marked fall
            int from = Math.max(0, (int) Math.ceil((mark.start - clock.start()) * RATE_HZ - 1e-6));
            int to = Math.min(clock.n() - 1, (int) Math.floor((mark.end - clock.start()) * RATE_HZ + 1e-6));
            if (to - from + 1 < 2) {
                log.error(mark.file, mark.line, 2, String.format(Locale.ROOT, "the fall [%.2f, %.2f] s lies outside"
                        + " the data of %s ([%.2f, %.2f] s); trial skipped", mark.start, mark.end, source, clock.start(),
                        clock.time(Math.max(clock.n() - 1, 0))));
                return null;
            }
            if (to - from + 1 < Math.floor((mark.end - mark.start) * RATE_HZ)) {
                log.warning(mark.file, mark.line, 2, "fall interval cut to the data where the files end early", 1);
            }
            clock = new LinearResampler.Clock(clock.time(from), clock.step(), to - from + 1);
            source += String.format(Locale.ROOT, ", fall %.2f-%.2f s (%s line %d)", mark.start, mark.end, mark.file,
                    mark.line);
        } else if (clock.n() < 2) {
            log.error(t.accel, 0, 0, "accel and gyro (" + t.gyro + ") overlap for less than one 50 Hz step; trial"
                    + " skipped");
            return null;
        }
        float[][] a = LinearResampler.resample(acc.t, acc.v, clock);
        float[][] g = LinearResampler.resample(gyro.t, gyro.v, clock);
        float[][] samples = {a[0], a[1], a[2], g[0], g[1], g[2]};
        return new Session(id, NAME, Integer.toString(t.user), label, RATE_HZ, channels, samples, source);
    }

    /** Reads one stream: skips malformed rows (logged), sorts late bursts into place, re-times the bursts. */
    static Stream readStream(DatasetSource src, String file, ProblemLog log) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (InputStream in = src.open(file);
             DelimitedText text = DelimitedText.open(in, file, DelimitedText.Format.csvWithHeader())) {
            if (text.header().size() != 4 || !text.header().get(0).endsWith("time_list")) {
                log.error(file, text.headerLine(), 1, "expected the header <sensor>_time_list,x,y,z, found "
                        + text.header() + "; trial skipped");
                return null;
            }
            DelimitedText.Row r;
            while ((r = text.next(log)) != null) {
                try {
                    double[] row = {r.number(0), r.number(1), r.number(2), r.number(3)};
                    if (!Double.isFinite(row[0])) throw r.error(0, "timestamp is not finite");
                    rows.add(row);
                    lines.add(r.line());
                } catch (DataFormatException e) {
                    log.error(e.file(), e.line(), e.column(), e.reason() + "; row skipped");
                }
            }
        } catch (DataFormatException e) {
            log.error(e);
            return null;
        }
        int n = rows.size();
        if (n < 2) {
            log.error(file, 0, 0, "fewer than 2 usable rows; trial skipped");
            return null;
        }
        long late = 0;
        long firstLate = 0;
        for (int i = 1; i < n; i++) {
            if (rows.get(i)[0] < rows.get(i - 1)[0]) {
                if (late++ == 0) firstLate = lines.get(i);
            }
        }
        if (late > 0) {
            log.warning(file, firstLate, 1, "rows delivered out of time order (a late burst) sorted by timestamp", late);
            rows.sort(Comparator.comparingDouble(x -> x[0])); // stable: rows of equal time keep their order
        }
        double[] raw = new double[n];
        float[][] v = new float[3][n];
        for (int i = 0; i < n; i++) {
            raw[i] = rows.get(i)[0];
            for (int c = 0; c < 3; c++) v[c][i] = (float) rows.get(i)[c + 1];
        }
        double[] t = retime(raw);
        ReaderSupport.Gaps gaps = ReaderSupport.Gaps.of(t, n, GAP_WARN_S);
        if (gaps.count() > 0) {
            log.warning(file, 0, 0, String.format(Locale.ROOT, "pauses longer than %.2f s between samples (samples"
                    + " lost; longest %.2f s) bridged by linear interpolation", GAP_WARN_S, gaps.longest()),
                    gaps.count());
        }
        log.warning(file, lines.get(0), 0, "non-finite values (NaN/Inf) repaired by forward fill (backward fill at"
                + " the start)", MissingValues.fill(v));
        return new Stream(t, v);
    }

    /**
     * Sample instants from burst delivery times (non-decreasing): each burst's samples are spread evenly from
     * its first timestamp towards the next burst's, at most {@link #MAX_SPACING_S} apart; the last burst at
     * the nominal period. Strictly increasing.
     */
    static double[] retime(double[] raw) {
        int n = raw.length;
        double[] t = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1; // exclusive end of this burst
            while (end < n && raw[end] - raw[end - 1] <= BURST_GAP_S) end++;
            int m = end - start;
            double spacing = end < n ? Math.min((raw[end] - raw[start]) / m, MAX_SPACING_S) : 1 / RATE_HZ;
            for (int k = 0; k < m; k++) t[start + k] = raw[start] + k * spacing;
            start = end;
        }
        return t;
    }
}
