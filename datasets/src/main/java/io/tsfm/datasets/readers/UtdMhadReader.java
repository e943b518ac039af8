package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.core.data.npy.NpyArray;
import io.tsfm.core.data.npy.Npz;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UTD-MHAD inertial data as published in windowed form ({@code UTD-MHAD1_1s.npz}: 21 arm actions, sensor
 * on the right wrist; {@code UTD-MHAD2_1s.npz}: 6 leg actions, right thigh). Each archive holds {@code X}
 * (N, 1, 50, 6): 1 s windows at 50 Hz of accelerometer x,y,z (g) and gyroscope x,y,z (deg/s), and
 * {@code y} (N, classes) one-hot; class k is action k+1 (k+22 for UTD-MHAD2). The pickled {@code folds}
 * array is not read.
 *
 * <p><b>Sessions.</b> The windows were cut with 50% overlap: within one trial, the last 25 samples of a
 * window are bit-for-bit the first 25 of the next. The reader chains windows of the same class that
 * overlap exactly like that and rebuilds each chain as one continuous session of {@code 50 + 25 (k - 1)}
 * samples; a window that does not continue its predecessor starts a new session. On the published files
 * this yields 671 + 190 sessions, matching the dataset's 8 subjects x 4 repetitions per action less its
 * known missing trials.
 *
 * <p><b>Subjects.</b> The arrays are ordered by action, then subject 1..8, then repetition (4 each). Within
 * an action with all 32 trials, trial {@code p} (0-based) is subject {@code p / 4 + 1}. Where {@code g}
 * trials are missing, trial {@code p} is one of the original trials {@code p..p+g}; its subject is given
 * when all of those belong to one subject, else it is {@value ReaderSupport#UNKNOWN_SUBJECT}. This
 * ordering was checked against the publisher's leave-one-subject-out folds (the pickled array) for every
 * window of both files when the reader was written; the reader itself never unpickles. Subject ids
 * {@code s1..s8} are the same people in both files.
 *
 * <p>Bad input: a malformed or truncated archive, a wrong shape, or a {@code y} row that is not one-hot is
 * a {@link ReadProblem} (file, record); the rest still reads. Stateless and thread-safe.
 */
public final class UtdMhadReader implements DatasetReader {
    static final String NAME = "utd_mhad";
    static final double RATE_HZ = 50.0;
    static final int WINDOW = 50;
    static final int HOP = 25;
    static final int REPETITIONS = 4;
    static final int SUBJECTS = 8;

    /** UTD-MHAD1 classes: actions a1..a21 (right wrist). */
    static final List<String> WRIST_LABELS = List.of("swipe_left", "swipe_right", "wave", "clap", "throw",
            "arm_cross", "basketball_shoot", "draw_x", "draw_circle_clockwise", "draw_circle_counter_clockwise",
            "draw_triangle", "bowling", "boxing", "baseball_swing", "tennis_forehand", "arm_curl", "tennis_serve",
            "push", "knock_door", "catch", "pickup_throw");
    /** UTD-MHAD2 classes: actions a22..a27 (right thigh). */
    static final List<String> THIGH_LABELS = List.of("jogging", "walking", "sit_to_stand", "stand_to_sit", "lunge",
            "squat");

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "UTD-MHAD (inertial)", DatasetRole.TRAIN,
            "UTD-MHAD multimodal human action dataset, inertial part. 8 subjects performing 21 arm actions"
                    + " (gestures, throws, sports swings; sensor on the right wrist) and 6 leg actions (jogging, walking,"
                    + " sit-to-stand, stand-to-sit, lunge, squat; right thigh) with a wearable inertial sensor. Triaxial"
                    + " accelerometer and gyroscope at 50Hz.",
            "Get UTD-MHAD1_1s.npz and UTD-MHAD2_1s.npz from the GitHub repository arturjordao/WearableSensorData"
                    + " (data/LOSO/) and zip them as utd_mhad.zip (or put them in a folder utd_mhad/) under the data root.",
            "Research use with citation (UTD-MHAD, University of Texas at Dallas)",
            "C. Chen, R. Jafari, N. Kehtarnavaz. UTD-MHAD: A Multimodal Dataset for Human Action Recognition"
                    + " Utilizing a Depth Camera and a Wearable Inertial Sensor. IEEE ICIP 2015.");

    private static final Pattern NPZ = Pattern.compile("(?:.*/)?UTD-MHAD([12])_1s\\.npz");
    private static final double ACC_SCALE = Units.toCanonical(SensorKind.ACCELEROMETER, "g");
    private static final double GYRO_SCALE = Units.toCanonical(SensorKind.GYROSCOPE, "deg/s");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    /** One published archive: which actions it holds and where the sensor was. */
    private record Part(String file, int firstAction, List<String> labels, List<Channel> channels) {}

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (String e : src.entries()) {
            Matcher m = NPZ.matcher(e);
            if (!m.matches()) continue;
            boolean wrist = m.group(1).equals("1");
            parts.add(new Part(e, wrist ? 1 : 22, wrist ? WRIST_LABELS : THIGH_LABELS,
                    Channel.accGyro(wrist ? "right wrist" : "right thigh")));
        }
        if (parts.isEmpty()) {
            throw new IOException(src.location() + ": not the UTD-MHAD layout (no UTD-MHAD1_1s.npz or UTD-MHAD2_1s.npz). "
                    + INFO.downloadHint());
        }
        List<Session> sessions = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Part p : parts) {
            labels.addAll(p.labels);
            try {
                readPart(src, p, sessions, problems);
            } catch (DataFormatException e) {
                problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; file skipped", 1, true));
            }
        }
        return new Dataset(ReaderSupport.manifest(INFO, sessions, labels,
                Map.of(SensorKind.ACCELEROMETER, "g", SensorKind.GYROSCOPE, "deg/s"), "none"),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    private static void readPart(DatasetSource src, Part p, List<Session> sessions, List<ReadProblem> problems)
            throws IOException {
        Map<String, NpyArray> arrays;
        try (InputStream in = src.open(p.file)) {
            arrays = Npz.read(in, p.file, Set.of("X", "y"));
        }
        NpyArray xa = arrays.get("X");
        NpyArray ya = arrays.get("y");
        int n = xa.ndim() == 4 ? xa.dim(0) : -1;
        if (n < 0 || xa.dim(1) != 1 || xa.dim(2) != WINDOW || xa.dim(3) != 6) {
            throw new DataFormatException(p.file + "/X.npy", 0, 0, "expected shape (N, 1, " + WINDOW + ", 6), found "
                    + Arrays.toString(xa.shape()));
        }
        if (ya.ndim() != 2 || ya.dim(0) != n || ya.dim(1) != p.labels.size()) {
            throw new DataFormatException(p.file + "/y.npy", 0, 0, "expected shape (" + n + ", " + p.labels.size()
                    + ") one-hot, found " + Arrays.toString(ya.shape()));
        }
        double[] x = xa.toDoubleArray();
        int[] cls = classes(ya, p.file + "/y.npy", problems);

        // chains of exactly overlapping windows = trials
        List<int[]> chains = new ArrayList<>(); // {class, firstWindow, lastWindow}
        for (int i = 0; i < n; i++) {
            if (cls[i] < 0) continue;
            int[] last = chains.isEmpty() ? null : chains.get(chains.size() - 1);
            if (last != null && last[2] == i - 1 && last[0] == cls[i] && continues(x, i - 1, i)) {
                last[2] = i;
            } else {
                chains.add(new int[] {cls[i], i, i});
            }
        }
        int[] perClass = new int[p.labels.size()];
        for (int[] c : chains) perClass[c[0]]++;
        int expected = SUBJECTS * REPETITIONS;
        for (int k = 0; k < perClass.length; k++) {
            if (perClass[k] > expected) {
                problems.add(new ReadProblem(p.file, 0, 0, "action a" + (p.firstAction + k) + " has " + perClass[k]
                        + " trials, more than " + SUBJECTS + " subjects x " + REPETITIONS
                        + " repetitions: its subjects are unknown", perClass[k], false));
            }
        }
        int[] seen = new int[p.labels.size()];
        for (int[] c : chains) {
            int k = c[0];
            int trial = seen[k]++;
            int gaps = expected - perClass[k];
            String subject = ReaderSupport.UNKNOWN_SUBJECT;
            if (gaps >= 0 && trial / REPETITIONS == (trial + gaps) / REPETITIONS) {
                subject = "s" + (trial / REPETITIONS + 1);
            }
            float[][] samples = stitch(x, c[1], c[2]);
            ReaderSupport.repair(samples, p.file + "/X.npy", c[1] + 1, problems);
            int action = p.firstAction + k;
            String id = String.format("a%02d_t%02d", action, trial + 1);
            sessions.add(new Session(id, NAME, subject, p.labels.get(k), RATE_HZ, p.channels, samples,
                    p.file + ", windows " + c[1] + "-" + c[2] + " (0-based), action a" + action));
        }
    }

    /** The class of every window; -1 (and a problem naming the record) where y is not one-hot. */
    private static int[] classes(NpyArray y, String file, List<ReadProblem> problems) {
        int n = y.dim(0);
        int k = y.dim(1);
        double[] v = y.toDoubleArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int hot = -1;
            boolean ok = true;
            for (int j = 0; j < k && ok; j++) {
                double d = v[i * k + j];
                if (d == 1.0) {
                    if (hot >= 0) ok = false;
                    hot = j;
                } else if (d != 0.0) {
                    ok = false;
                }
            }
            if (!ok || hot < 0) {
                problems.add(new ReadProblem(file, i + 1, 0, "record " + i + " is not one-hot ("
                        + Arrays.toString(Arrays.copyOfRange(v, i * k, i * k + k)) + "); window skipped", 1, true));
                hot = -1;
            }
            out[i] = hot;
        }
        return out;
    }

    /** True when window {@code b}'s first half is bit-for-bit window {@code a}'s second half. */
    private static boolean continues(double[] x, int a, int b) {
        int stride = WINDOW * 6;
        int pa = a * stride + HOP * 6;
        int pb = b * stride;
        for (int i = 0; i < (WINDOW - HOP) * 6; i++) {
            if (Double.doubleToRawLongBits(x[pa + i]) != Double.doubleToRawLongBits(x[pb + i])) return false;
        }
        return true;
    }

    /** Windows {@code first..last} of one chain as one session in canonical units, {@code [channel][t]}. */
    private static float[][] stitch(double[] x, int first, int last) {
        int len = WINDOW + HOP * (last - first);
        float[][] out = new float[6][len];
        int stride = WINDOW * 6;
        for (int t = 0; t < len; t++) {
            // sample t lies in the first window, or in the second half of window first + (t - HOP) / HOP
            int w = t < WINDOW ? first : first + (t - HOP) / HOP;
            int within = t - (w - first) * HOP;
            int base = w * stride + within * 6;
            for (int c = 0; c < 6; c++) {
                out[c][t] = (float) (x[base + c] * (c < 3 ? ACC_SCALE : GYRO_SCALE));
            }
        }
        return out;
    }
}
