package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.MissingValues;
import io.tsfm.datasets.reading.NumericTable;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MobiFall v2.0 (Vavoulas et al., the reference's "mobiact"): a smartphone in a trouser pocket,
 * {@code subN/ADL|FALLS/<CODE>/<CODE>_<acc|gyro>_<subject>_<trial>.txt}, each row
 * {@code timestamp_ns, x, y, z} after a {@code #}-commented header ending in {@code @DATA}; accelerometer
 * in m/s^2 at ~87-100 Hz and gyroscope in rad/s at ~200 Hz, both irregular. One {@link Session} per trial
 * (acc + gyro pair), both streams linearly interpolated onto one 50 Hz clock (the reference's rate) that
 * covers only the interval where both have data ({@link LinearResampler}). Orientation files, where
 * present, are not read (the reference uses acc + gyro only).
 *
 * <p>Bad input, each a {@link ReadProblem} naming file and line: a malformed row is skipped (its
 * neighbours keep their own timestamps); a row whose timestamp is not after the previous kept row's is
 * dropped (one warning per file with the count and the first line); NaN/Inf values are repaired per
 * {@link MissingValues} before resampling (warning with the count); gaps longer than
 * {@value #GAP_WARN_S} s, which interpolation bridges, are warned per file; a trial without its acc or
 * gyro partner, or with no overlap between them, is skipped. The activity is taken from the file name's
 * code, not its folder: in the published copy subject 21's sideways falls ({@code SDL_*}, headers saying
 * SDL) sit in the {@code FOL} folder, which is warned.
 *
 * <p>The dataset description is the reference's verbatim (a model input); it says 31 subjects, while
 * this copy has 24 (ids 1-21, 29-31). Stateless and thread-safe.
 */
public final class MobiFallReader implements DatasetReader {
    static final String NAME = "mobifall_v2";
    static final double RATE_HZ = 50.0;
    /** Gaps between source samples longer than this are reported when interpolation bridges them. */
    static final double GAP_WARN_S = 0.25;

    /** Activity code → the reference's mobiact label. */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("STD", "standing"), Map.entry("WAL", "walking"), Map.entry("JOG", "jogging"),
            Map.entry("JUM", "jumping"), Map.entry("STU", "stairs_up"), Map.entry("STN", "stairs_down"),
            Map.entry("SCH", "sitting_chair"), Map.entry("CSI", "car_step_in"), Map.entry("CSO", "car_step_out"),
            Map.entry("FOL", "fall_forward"), Map.entry("FKL", "fall_backward_knees"),
            Map.entry("BSC", "fall_backward_sitting"), Map.entry("SDL", "fall_sideways"));

    /** The reference's model-input description (datasets.json "mobiact", verbatim). */
    static final String DESCRIPTION = "MobiFall v2.0: Fall detection and ADL recognition dataset. 31 subjects"
            + " performing 9 ADL activities and 4 fall types with waist-mounted Samsung Galaxy S3. Triaxial"
            + " accelerometer and gyroscope resampled to 50.0Hz.";

    static final String RESAMPLING = "accelerometer (~87-100 Hz) and gyroscope (~200 Hz) timestamps (ns) are"
            + " irregular; both are linearly interpolated (no filtering) onto one 50 Hz clock starting at the later"
            + " of the two streams' first timestamps and ending at or before the earlier last timestamp; rows whose"
            + " timestamp is not after the previous row's are dropped (warned); gaps over " + GAP_WARN_S
            + " s are bridged and warned";

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "MobiFall v2.0", DatasetRole.ZERO_SHOT,
            DESCRIPTION,
            "Request MobiFall v2.0 from the BMI Lab, Hellenic Mediterranean University"
                    + " (https://bmi.hmu.gr/the-mobifall-and-mobiact-datasets-2/) and put its folder as mobifall_v2/"
                    + " (or zipped as mobifall_v2.zip) under the data root.",
            "Research use with citation (BMI Lab, TEI of Crete)",
            "G. Vavoulas, M. Pediaditis, C. Chatzaki, E. G. Spanakis, M. Tsiknakis. The MobiFall Dataset: Fall"
                    + " Detection and Classification with a Smartphone. IJMSTR 2014.");

    private static final Pattern FILE = Pattern.compile(
            "(?:.*/)?(?:ADL|FALLS)/([A-Z]{3})/([A-Z]{3})_(acc|gyro)_(\\d+)_(\\d+)\\.txt");
    private static final double NS = 1e-9;

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    /** The files of one trial; either may be null when missing. */
    private static final class Trial {
        final String code;
        final int subject;
        final int trial;
        String acc;
        String gyro;

        Trial(String code, int subject, int trial) {
            this.code = code;
            this.subject = subject;
            this.trial = trial;
        }
    }

    /** What one trial yielded. */
    private record Part(Session session, List<ReadProblem> problems) {}

    /** One sensor stream after cleaning: times in seconds relative to {@code origin}, values [axis][i]. */
    private record Stream(double[] t, float[][] v) {}

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        Map<String, Trial> trials = new TreeMap<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (String e : src.entries()) {
            Matcher m = FILE.matcher(e);
            if (!m.matches()) continue;
            String code = m.group(2);
            if (!code.equals(m.group(1))) {
                problems.add(new ReadProblem(e, 0, 0, "file code " + code + " does not match its folder " + m.group(1)
                        + "; the file name's code is used", 1, false));
            }
            int subject = Integer.parseInt(m.group(4));
            int trial = Integer.parseInt(m.group(5));
            String key = String.format("sub%02d_%s_%d", subject, code, trial);
            Trial t = trials.computeIfAbsent(key, k -> new Trial(code, subject, trial));
            boolean isAcc = m.group(3).equals("acc");
            String prev = isAcc ? t.acc : t.gyro;
            if (prev != null) {
                problems.add(new ReadProblem(e, 0, 0, "a second " + m.group(3) + " file for trial " + key + " (first: "
                        + prev + "); ignored", 1, true));
                continue;
            }
            if (isAcc) t.acc = e;
            else t.gyro = e;
        }
        if (trials.isEmpty()) {
            throw new IOException(src.location() + ": not the MobiFall layout (no */ADL|FALLS/<CODE>/<CODE>_acc|gyro_*_*.txt"
                    + " files). " + INFO.downloadHint());
        }
        List<Channel> channels = channels();
        List<Map.Entry<String, Trial>> list = new ArrayList<>(trials.entrySet());
        List<Part> parts = ReaderSupport.parallelMap(list, en -> readTrial(src, en.getKey(), en.getValue(), channels));
        List<Session> sessions = new ArrayList<>();
        for (Part p : parts) {
            if (p.session != null) sessions.add(p.session);
            problems.addAll(p.problems);
        }
        return new Dataset(ReaderSupport.manifest(INFO, sessions, LABELS.values(),
                Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"), RESAMPLING),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    /** Six channels described exactly as the reference's mobiact manifest ("waist-mounted smartphone"). */
    static List<Channel> channels() {
        List<Channel> out = new ArrayList<>();
        String[] axes = {"x", "y", "z"};
        for (SensorKind k : new SensorKind[] {SensorKind.ACCELEROMETER, SensorKind.GYROSCOPE}) {
            String prefix = k == SensorKind.ACCELEROMETER ? "acc_" : "gyro_";
            for (String a : axes) {
                out.add(new Channel(prefix + a, k, a, k.canonicalUnit(), "waist",
                        Channel.describe(k, a, "waist-mounted smartphone")));
            }
        }
        return out;
    }

    private static Part readTrial(DatasetSource src, String id, Trial t, List<Channel> channels) throws IOException {
        List<ReadProblem> problems = new ArrayList<>();
        if (t.acc == null || t.gyro == null) {
            String present = t.acc != null ? t.acc : t.gyro;
            String missing = t.acc == null ? "acc" : "gyro";
            problems.add(new ReadProblem(present, 0, 0, "no " + missing + " partner file for this trial; trial skipped",
                    1, true));
            return new Part(null, problems);
        }
        String label = LABELS.get(t.code);
        if (label == null || !ReaderSupport.inVocabulary(label)) {
            problems.add(ReaderSupport.labelOutsideVocabulary(t.acc, 0, 0, t.code,
                    label == null ? t.code.toLowerCase(Locale.ROOT) : label));
            return new Part(null, problems);
        }
        double[] origin = {Double.NaN};
        Stream acc = readStream(src, t.acc, origin, problems);
        Stream gyro = readStream(src, t.gyro, origin, problems);
        if (acc == null || gyro == null) return new Part(null, problems);
        LinearResampler.Clock clock = LinearResampler.commonClock(RATE_HZ, acc.t, gyro.t);
        if (clock.n() < 2) {
            problems.add(new ReadProblem(t.acc, 0, 0, "acc and gyro (" + t.gyro + ") overlap for less than one 50 Hz"
                    + " step; trial skipped", 1, true));
            return new Part(null, problems);
        }
        float[][] a = LinearResampler.resample(acc.t, acc.v, clock);
        float[][] g = LinearResampler.resample(gyro.t, gyro.v, clock);
        float[][] samples = {a[0], a[1], a[2], g[0], g[1], g[2]};
        Session s = new Session(id, NAME, Integer.toString(t.subject), label, RATE_HZ, channels, samples,
                t.acc + " + " + t.gyro);
        return new Part(s, problems);
    }

    /**
     * Reads one stream, dropping unusable rows (reported). {@code origin[0]} is the time origin shared by
     * the trial's streams (set by the first stream read) so that relative seconds keep full precision.
     * Returns null (with a problem) when nothing usable remains.
     */
    private static Stream readStream(DatasetSource src, String file, double[] origin, List<ReadProblem> problems)
            throws IOException {
        NumericTable tab;
        NumericTable.Format format = new NumericTable.Format().columns(4).skip(headerLines(src, file)).comment("#");
        try (InputStream in = src.open(file)) {
            tab = NumericTable.readSkippingBadRows(in, file, format, problems);
        }
        int n = tab.rows();
        double[] ts = tab.column(0);
        double[] t = new double[n];
        float[][] v = new float[3][n];
        int kept = 0;
        long outOfOrder = 0;
        long firstOutOfOrder = 0;
        long badTime = 0;
        long firstBadTime = 0;
        for (int r = 0; r < n; r++) {
            double tr = ts[r];
            if (!Double.isFinite(tr)) {
                if (badTime++ == 0) firstBadTime = tab.line(r);
                continue;
            }
            if (Double.isNaN(origin[0])) origin[0] = tr;
            double sec = (tr - origin[0]) * NS;
            if (kept > 0 && !(sec > t[kept - 1])) {
                if (outOfOrder++ == 0) firstOutOfOrder = tab.line(r);
                continue;
            }
            t[kept] = sec;
            for (int c = 0; c < 3; c++) v[c][kept] = (float) tab.column(c + 1)[r];
            kept++;
        }
        if (badTime > 0) {
            problems.add(new ReadProblem(file, firstBadTime, 1, badTime + " row(s) with a NaN/Inf timestamp dropped",
                    badTime, true));
        }
        if (outOfOrder > 0) {
            problems.add(new ReadProblem(file, firstOutOfOrder, 1, outOfOrder + " row(s) whose timestamp is not after the"
                    + " previous row's (going backwards or repeated) dropped", outOfOrder, false));
        }
        if (kept < 2) {
            problems.add(new ReadProblem(file, 0, 0, "fewer than 2 usable rows; trial skipped", 1, true));
            return null;
        }
        double[] tt = java.util.Arrays.copyOf(t, kept);
        float[][] vv = new float[3][];
        for (int c = 0; c < 3; c++) vv[c] = java.util.Arrays.copyOf(v[c], kept);
        ReaderSupport.repair(vv, file, tab.rows() > 0 ? tab.line(0) : 0, problems);
        ReaderSupport.Gaps gaps = ReaderSupport.Gaps.of(tt, kept, GAP_WARN_S);
        if (gaps.count() > 0) {
            problems.add(new ReadProblem(file, 0, 0, String.format(Locale.ROOT, "%d gap(s) longer than %.2f s between"
                    + " samples (longest %.3f s) bridged by linear interpolation", gaps.count(), GAP_WARN_S,
                    gaps.longest()), gaps.count(), false));
        }
        return new Stream(tt, vv);
    }

    /**
     * Lines before the first data row: the {@code #} comments, blank lines and the {@code @DATA} marker.
     * Counted on a peek at the file's start so that the table reader still reports true line numbers.
     */
    static int headerLines(DatasetSource src, String file) throws IOException {
        try (InputStream in = new BufferedInputStream(src.open(file), 8192)) {
            byte[] head = in.readNBytes(8192);
            String s = new String(head, StandardCharsets.ISO_8859_1);
            int lines = 0;
            int pos = 0;
            while (pos < s.length()) {
                int nl = s.indexOf('\n', pos);
                if (nl < 0) break; // a header never runs to the end of the peek
                String line = s.substring(pos, nl).strip();
                if (!(line.isEmpty() || line.startsWith("#") || line.startsWith("@"))) break;
                lines++;
                pos = nl + 1;
            }
            return lines;
        }
    }
}
