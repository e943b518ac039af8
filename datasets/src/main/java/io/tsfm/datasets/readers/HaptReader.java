package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.NumericTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAPT (UCI 341, Smartphone-Based Recognition of Human Activities and Postural Transitions): raw
 * {@code RawData/acc_expNN_userMM.txt} (g) and {@code gyro_...} (rad/s) at 50 Hz from a waist-worn phone,
 * cut into one {@link Session} per labelled segment of {@code RawData/labels.txt} (start and end are
 * 1-based, inclusive sample numbers, i.e. line numbers of the raw files). Subject = user id. Activity
 * names come from {@code activity_labels.txt}, normalised to snake case, with {@code LAYING} read as
 * {@code lying} as the reference does.
 *
 * <p>Bad input: a malformed row of a raw file drops only the segments that cover it; a malformed row of
 * {@code labels.txt} drops that segment; a missing raw file drops its experiment's segments. Each is a
 * {@link ReadProblem} naming file and line. Stateless and thread-safe.
 */
public final class HaptReader implements DatasetReader {
    static final String NAME = "hapt";
    static final double RATE_HZ = 50.0;
    static final String POSITION = "waist";

    /** The reference's model-input description (datasets.json, verbatim). */
    static final String DESCRIPTION = "Human Activities and Postural Transitions dataset from UCI. 30 subjects"
            + " performing 6 basic activities (walking, stairs, sitting, standing, lying) and 6 postural transitions"
            + " (stand_to_sit, sit_to_stand, etc.) with waist-mounted smartphone (Samsung Galaxy S II). Triaxial"
            + " accelerometer and gyroscope at 50Hz.";

    private static final DatasetInfo INFO = new DatasetInfo(NAME,
            "HAPT (Smartphone-Based Recognition of Human Activities and Postural Transitions)",
            DatasetRole.TRAIN, DESCRIPTION,
            "Download 'Smartphone-Based Recognition of Human Activities and Postural Transitions' from the UCI"
                    + " Machine Learning Repository (dataset 341, https://archive.ics.uci.edu/dataset/341) and put"
                    + " the zip as hapt.zip (or its unpacked folder as hapt/) under the data root.",
            "CC BY 4.0 (UCI Machine Learning Repository)",
            "J.-L. Reyes-Ortiz, L. Oneto, A. Samà, X. Parra, D. Anguita. Transition-Aware Human Activity"
                    + " Recognition Using Smartphones. Neurocomputing 171, 2016.");

    private static final Pattern LABELS = Pattern.compile("(.*/)?RawData/labels\\.txt");
    private static final Pattern RAW = Pattern.compile("(.*/)?RawData/(acc|gyro)_exp(\\d+)_user(\\d+)\\.txt");
    private static final double ACC_SCALE = Units.toCanonical(SensorKind.ACCELEROMETER, "g");
    private static final double GYRO_SCALE = Units.toCanonical(SensorKind.GYROSCOPE, "rad/s");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    /** One row of labels.txt. */
    private record Segment(int exp, int user, int activity, int start, int end, long line) {}

    /** The segments of one experiment, read together from its two raw files. */
    private record Experiment(int exp, int user, String accFile, String gyroFile, List<Segment> segments) {}

    /** What one experiment yielded. */
    private record Part(List<Session> sessions, List<ReadProblem> problems) {}

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        String labelsFile = null;
        String prefix = "";
        for (String e : src.entries()) {
            Matcher m = LABELS.matcher(e);
            if (m.matches()) {
                labelsFile = e;
                prefix = m.group(1) == null ? "" : m.group(1);
                break;
            }
        }
        if (labelsFile == null) {
            throw new IOException(src.location() + ": not the HAPT layout (no RawData/labels.txt). " + INFO.downloadHint());
        }
        List<ReadProblem> problems = new ArrayList<>();
        String activityFile = prefix + "activity_labels.txt";
        if (!src.entries().contains(activityFile)) {
            throw new IOException(src.location() + ": not the HAPT layout (no " + activityFile + ")");
        }
        Map<Integer, String> activities = readActivities(src, activityFile, problems);

        Map<String, String> rawFiles = new TreeMap<>();
        for (String e : src.entries()) {
            Matcher m = RAW.matcher(e);
            if (m.matches() && (m.group(1) == null ? "" : m.group(1)).equals(prefix)) {
                rawFiles.put(m.group(2) + "/" + Integer.parseInt(m.group(3)) + "/" + Integer.parseInt(m.group(4)), e);
            }
        }

        Map<String, Experiment> experiments = new TreeMap<>();
        NumericTable labels;
        try (InputStream in = src.open(labelsFile)) {
            labels = NumericTable.readSkippingBadRows(in, labelsFile, new NumericTable.Format().columns(5), problems);
        }
        for (int r = 0; r < labels.rows(); r++) {
            long line = labels.line(r);
            int[] v = new int[5];
            boolean ok = true;
            for (int c = 0; c < 5 && ok; c++) {
                double d = labels.column(c)[r];
                if (!(d >= 0 && d <= Integer.MAX_VALUE && d == Math.rint(d))) {
                    problems.add(new ReadProblem(labelsFile, line, c + 1, "expected a non-negative integer, found "
                            + d + "; segment skipped", 1, true));
                    ok = false;
                } else {
                    v[c] = (int) d;
                }
            }
            if (!ok) continue;
            Segment s = new Segment(v[0], v[1], v[2], v[3], v[4], line);
            if (s.start < 1 || s.end < s.start) {
                problems.add(new ReadProblem(labelsFile, line, 4, "segment [" + s.start + ", " + s.end
                        + "] is empty or starts before sample 1; skipped", 1, true));
                continue;
            }
            if (!activities.containsKey(s.activity)) {
                problems.add(new ReadProblem(labelsFile, line, 3, "activity id " + s.activity
                        + " is not a usable entry of " + activityFile + "; segment skipped", 1, true));
                continue;
            }
            String key = s.exp + "/" + s.user;
            String acc = rawFiles.get("acc/" + key);
            String gyro = rawFiles.get("gyro/" + key);
            if (acc == null || gyro == null) {
                String missing = String.format("%sRawData/%s_exp%02d_user%02d.txt", prefix, acc == null ? "acc" : "gyro",
                        s.exp, s.user);
                problems.add(new ReadProblem(labelsFile, line, 1, "raw file " + missing + " is missing; segment skipped",
                        1, true));
                continue;
            }
            experiments.computeIfAbsent(key, k -> new Experiment(s.exp, s.user, acc, gyro, new ArrayList<>()))
                    .segments.add(s);
        }

        List<Channel> channels = Channel.accGyro(POSITION);
        String segmentsFile = labelsFile;
        List<Part> parts = ReaderSupport.parallelMap(new ArrayList<>(experiments.values()),
                x -> readExperiment(src, x, activities, channels, segmentsFile));
        List<Session> sessions = new ArrayList<>();
        for (Part p : parts) {
            sessions.addAll(p.sessions);
            problems.addAll(p.problems);
        }
        return new Dataset(ReaderSupport.manifest(INFO, sessions, activities.values(),
                Map.of(SensorKind.ACCELEROMETER, "g", SensorKind.GYROSCOPE, "rad/s"), "none"),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    /** id → label from activity_labels.txt ("1 WALKING"); unusable rows become problems. */
    private static Map<Integer, String> readActivities(DatasetSource src, String file, List<ReadProblem> problems)
            throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        try (InputStream in = src.open(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String t = line.strip();
                if (t.isEmpty()) continue;
                String[] cells = t.split("\\s+", 2);
                int id;
                try {
                    id = Integer.parseInt(cells[0]);
                } catch (NumberFormatException e) {
                    problems.add(new ReadProblem(file, no, 1, "activity id is not an integer: '" + cells[0]
                            + "'; row skipped", 1, true));
                    continue;
                }
                if (cells.length < 2) {
                    problems.add(new ReadProblem(file, no, 2, "no activity name; row skipped", 1, true));
                    continue;
                }
                String label = LabelVocabulary.normalize(cells[1]);
                if (label.equals("laying")) label = "lying"; // the reference's name for HAPT's LAYING
                if (!ReaderSupport.inVocabulary(label)) {
                    problems.add(ReaderSupport.labelOutsideVocabulary(file, no, 2, cells[1].strip(), label));
                    continue;
                }
                out.put(id, label);
            }
        }
        return out;
    }

    private static Part readExperiment(DatasetSource src, Experiment x, Map<Integer, String> activities,
                                       List<Channel> channels, String labelsFile) throws IOException {
        List<ReadProblem> problems = new ArrayList<>();
        Samples acc = Samples.read(src, x.accFile, problems);
        Samples gyro = Samples.read(src, x.gyroFile, problems);
        List<Session> sessions = new ArrayList<>();
        for (Segment s : x.segments) {
            String why = acc.coverage(s.start, s.end);
            if (why == null) why = gyro.coverage(s.start, s.end);
            if (why != null) {
                problems.add(new ReadProblem(labelsFile, s.line, 0, "segment [" + s.start + ", " + s.end + "] skipped: "
                        + why, 1, true));
                continue;
            }
            int n = s.end - s.start + 1;
            float[][] samples = new float[6][];
            for (int c = 0; c < 3; c++) {
                samples[c] = acc.slice(c, s.start, n, ACC_SCALE);
                samples[3 + c] = gyro.slice(c, s.start, n, GYRO_SCALE);
            }
            ReaderSupport.repair(samples, x.accFile + " + " + x.gyroFile, s.start, problems);
            String id = String.format("exp%02d_user%02d_%06d", x.exp, x.user, s.start);
            sessions.add(new Session(id, NAME, Integer.toString(x.user), activities.get(s.activity), RATE_HZ, channels,
                    samples, x.accFile + " + " + x.gyroFile + ", samples " + s.start + "-" + s.end
                    + " (" + labelsFile + " line " + s.line + ")"));
        }
        return new Part(sessions, problems);
    }

    /** A raw file's three columns addressed by sample number (= line number), with unusable lines marked. */
    private static final class Samples {
        private final String file;
        private final double[][] cols; // [c][line - 1]
        private final boolean[] valid;

        private Samples(String file, double[][] cols, boolean[] valid) {
            this.file = file;
            this.cols = cols;
            this.valid = valid;
        }

        static Samples read(DatasetSource src, String file, List<ReadProblem> problems) throws IOException {
            NumericTable t;
            try (InputStream in = src.open(file)) {
                t = NumericTable.readSkippingBadRows(in, file, new NumericTable.Format().columns(3), problems);
            }
            int n = t.rows() == 0 ? 0 : Math.toIntExact(t.line(t.rows() - 1));
            boolean contiguous = n == t.rows();
            if (contiguous) {
                boolean[] valid = new boolean[n];
                Arrays.fill(valid, true);
                return new Samples(file, new double[][] {t.column(0), t.column(1), t.column(2)}, valid);
            }
            double[][] cols = new double[3][n];
            boolean[] valid = new boolean[n];
            for (int r = 0; r < t.rows(); r++) {
                int i = Math.toIntExact(t.line(r)) - 1;
                valid[i] = true;
                for (int c = 0; c < 3; c++) cols[c][i] = t.column(c)[r];
            }
            return new Samples(file, cols, valid);
        }

        /** Null when samples {@code [start, end]} (1-based) are all present, else why not. */
        String coverage(int start, int end) {
            if (end > valid.length) {
                return file + " has " + valid.length + " samples, the segment ends at " + end;
            }
            for (int i = start - 1; i < end; i++) {
                if (!valid[i]) return file + " line " + (i + 1) + " is not a usable sample";
            }
            return null;
        }

        float[] slice(int c, int start, int n, double scale) {
            float[] out = new float[n];
            double[] col = cols[c];
            for (int i = 0; i < n; i++) out[i] = (float) (col[start - 1 + i] * scale);
            return out;
        }
    }
}
