package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HMP (UCI, Bruno et al. 2014, "Dataset for ADL Recognition with Wrist-worn Accelerometer"): one trial
 * file per {@link Session}, {@code <Activity>/Accelerometer-YYYY-MM-DD-HH-MM-SS-<activity>-<f|m><N>.txt},
 * three coded accelerometer values 0..63 a line at 32 Hz on the right wrist. Coded values map to
 * {@code -1.5 g + coded/63 * 3 g}, then to m/s^2. Label = activity folder name in snake case; subject =
 * the volunteer code of the file name ({@code f1}, {@code m3}, ...). The original's synthetic
 * {@code *_MODEL} folders are not recordings and are not read.
 *
 * <p>Bad input: a malformed line or a coded value outside 0..63 skips that trial (its samples are an
 * unbroken 32 Hz stream, so a row cannot be dropped without shifting time), with a {@link ReadProblem}
 * naming file, line and column. Stateless and thread-safe.
 */
public final class HmpReader implements DatasetReader {
    static final String NAME = "hmp";
    static final double RATE_HZ = 32.0;
    static final String POSITION = "right wrist";

    /** The 14 activities (folder names in snake case). */
    static final Set<String> LABELS = Set.of("brush_teeth", "climb_stairs", "comb_hair", "descend_stairs",
            "drink_glass", "eat_meat", "eat_soup", "getup_bed", "liedown_bed", "pour_water", "sitdown_chair",
            "standup_chair", "use_telephone", "walk");

    private static final DatasetInfo INFO = new DatasetInfo(NAME,
            "HMP (Dataset for ADL Recognition with Wrist-worn Accelerometer)", DatasetRole.TRAIN,
            "Human Motion Primitives (HMP) dataset from UCI. 16 volunteers performing 14 daily activities"
                    + " (brushing teeth, eating, drinking, pouring water, stairs, getting up, sitting down, walking, etc.)"
                    + " with an accelerometer on the right wrist. Triaxial accelerometer at 32Hz.",
            "Download 'Dataset for ADL Recognition with Wrist-worn Accelerometer' from the UCI Machine Learning"
                    + " Repository (dataset 283, https://archive.ics.uci.edu/dataset/283) and put its HMP_Dataset folder"
                    + " as hmp/ (or zipped as hmp.zip) under the data root.",
            "CC BY 4.0 (UCI Machine Learning Repository)",
            "B. Bruno, F. Mastrogiovanni, A. Sgorbissa, T. Vernazza, R. Zaccaria. Analysis of human behavior"
                    + " recognition algorithms based on acceleration data. IEEE ICRA 2013, pp. 1602-1607.");

    private static final Pattern TRIAL = Pattern.compile(
            "(?:.*/)?([^/]+)/(Accelerometer-(\\d{4}(?:-\\d{2}){5})-(.+)-([fm]\\d+))\\.txt");
    private static final int MAX_CODE = 63;
    private static final double G_TO_MS2 = Units.toCanonical(SensorKind.ACCELEROMETER, "g");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    /** What one trial file yielded: a session, or the problem that skipped it. */
    private record Part(Session session, List<ReadProblem> problems) {}

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        List<String> files = new ArrayList<>();
        for (String e : src.entries()) {
            Matcher m = TRIAL.matcher(e);
            if (m.matches() && !m.group(1).toUpperCase(Locale.ROOT).endsWith("_MODEL")) files.add(e);
        }
        if (files.isEmpty()) {
            throw new IOException(src.location() + ": not the HMP layout (no <Activity>/Accelerometer-*.txt trial files). "
                    + INFO.downloadHint());
        }
        List<Channel> channels = List.of(
                Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", POSITION),
                Channel.of("acc_y", SensorKind.ACCELEROMETER, "y", POSITION),
                Channel.of("acc_z", SensorKind.ACCELEROMETER, "z", POSITION));
        List<Part> parts = ReaderSupport.parallelMap(files, f -> readTrial(src, f, channels));
        List<Session> sessions = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (Part p : parts) {
            if (p.session != null) sessions.add(p.session);
            problems.addAll(p.problems);
        }
        return new Dataset(ReaderSupport.manifest(INFO, sessions, LABELS,
                Map.of(SensorKind.ACCELEROMETER, "coded 0..63 = -1.5 g .. +1.5 g"), "none"),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    private static Part readTrial(DatasetSource src, String file, List<Channel> channels) throws IOException {
        Matcher m = TRIAL.matcher(file);
        if (!m.matches()) throw new IllegalStateException(file);
        List<ReadProblem> problems = new ArrayList<>();
        String folder = m.group(1);
        String label = LabelVocabulary.normalize(folder);
        if (!LABELS.contains(label) || !ReaderSupport.inVocabulary(label)) {
            problems.add(ReaderSupport.labelOutsideVocabulary(file, 0, 0, folder, label));
            return new Part(null, problems);
        }
        String fileActivity = LabelVocabulary.normalize(m.group(4));
        if (!fileActivity.equals(label)) {
            problems.add(new ReadProblem(file, 0, 0, "file name says '" + m.group(4) + "' but the folder says '"
                    + folder + "'; the folder's label is used", 1, false));
        }
        NumericTable t;
        try (InputStream in = src.open(file)) {
            t = NumericTable.read(in, file, new NumericTable.Format().columns(3));
            checkCodes(t);
        } catch (DataFormatException e) {
            problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; trial skipped", 1, true));
            return new Part(null, problems);
        }
        if (t.rows() == 0) {
            problems.add(new ReadProblem(file, 0, 0, "no samples; trial skipped", 1, true));
            return new Part(null, problems);
        }
        float[][] samples = new float[3][t.rows()];
        for (int c = 0; c < 3; c++) {
            double[] col = t.column(c);
            float[] out = samples[c];
            for (int i = 0; i < out.length; i++) out[i] = (float) ((-1.5 + col[i] / MAX_CODE * 3.0) * G_TO_MS2);
        }
        String id = m.group(3) + "_" + label + "_" + m.group(5); // start time first: ids sort chronologically
        Session s = new Session(id, NAME, m.group(5), label, RATE_HZ, channels, samples, file);
        return new Part(s, problems);
    }

    /** Every cell must be an integer code in 0..63 (this also rejects NaN and Inf). */
    private static void checkCodes(NumericTable t) {
        for (int c = 0; c < t.columns(); c++) {
            double[] col = t.column(c);
            for (int r = 0; r < col.length; r++) {
                double v = col[r];
                if (!(v >= 0 && v <= MAX_CODE && v == Math.rint(v))) {
                    throw new DataFormatException(t.file(), t.line(r), c + 1, "coded value " + v
                            + " is outside 0.." + MAX_CODE + " (6-bit accelerometer code)");
                }
            }
        }
    }
}
