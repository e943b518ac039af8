package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.ProblemLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UCI HAR (Anguita et al. 2013) in its published layout {@code UCI HAR Dataset/<train|test>/Inertial
 * Signals/<signal>_<axis>_<split>.txt} with {@code y_<split>.txt} and {@code subject_<split>.txt}: line
 * {@code i} of every file is window {@code i}, 128 samples (2.56 s) at 50 Hz. Each window is one session,
 * as in the reference (the windows overlap by 50 %). {@code body_acc} and {@code total_acc} are in g,
 * {@code body_gyro} in rad/s. A bad line in any of a window's eleven files skips that window only.
 */
public final class UciHarReader extends SeedFactsReader {
    private static final Pattern SIGNAL = Pattern.compile(
            "(.*/)?(train|test)/Inertial Signals/(body_acc|body_gyro|total_acc)_([xyz])_(train|test)\\.txt");
    /** The reference's channel order (its manifest order). */
    private static final String[] SIGNALS = {"body_acc", "total_acc", "body_gyro"};
    private static final String[] AXES = {"x", "y", "z"};
    private static final int WINDOW = 128;
    private static final String[] ACTIVITY = {null, "walking", "walking_upstairs", "walking_downstairs",
            "sitting", "standing", "laying"};

    private final List<Channel> channels;

    public UciHarReader() {
        super("uci_har", "https://archive.ics.uci.edu/dataset/240/human+activity+recognition+using+smartphones",
                "'UCI HAR Dataset/train/Inertial Signals/body_acc_x_train.txt', ...; the UCI download wraps it in a "
                        + "second zip, 'UCI HAR Dataset.zip', which is the one to use",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Anguita, Ghio, Oneto, Parra, Reyes-Ortiz. A Public Domain Dataset for Human Activity Recognition "
                        + "Using Smartphones. ESANN 2013.",
                Map.of(SensorKind.ACCELEROMETER, "g", SensorKind.GYROSCOPE, "rad/s"),
                "none");
        List<Channel> cs = new ArrayList<>();
        for (String sig : SIGNALS) {
            for (String ax : AXES) {
                SensorKind kind = sig.equals("body_gyro") ? SensorKind.GYROSCOPE : SensorKind.ACCELEROMETER;
                cs.add(facts().channel(sig + "_" + ax, kind, ax, "waist"));
            }
        }
        channels = List.copyOf(cs);
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        // split folder ("…/train/") → its nine signal files by channel index
        Map<String, String[]> splits = new TreeMap<>();
        for (String e : source.entries()) {
            Matcher m = SIGNAL.matcher(e);
            if (!m.matches() || !m.group(2).equals(m.group(5))) continue;
            String dir = (m.group(1) == null ? "" : m.group(1)) + m.group(2) + "/";
            int ch = indexOf(SIGNALS, m.group(3)) * 3 + indexOf(AXES, m.group(4));
            splits.computeIfAbsent(dir, k -> new String[9])[ch] = e;
        }
        if (splits.isEmpty()) throw notFound(source, "UCI HAR Dataset/<train|test>/Inertial Signals/*.txt");
        DatasetBuilder out = builder();
        for (Map.Entry<String, String[]> split : splits.entrySet()) {
            readSplit(source, split.getKey(), split.getValue(), channels, out);
        }
        return out.build();
    }

    private void readSplit(DatasetSource source, String dir, String[] signalFiles, List<Channel> channels,
                           DatasetBuilder out) throws IOException {
        ProblemLog log = out.problems();
        String split = dir.substring(0, dir.length() - 1);
        split = split.substring(split.lastIndexOf('/') + 1);
        String yFile = dir + "y_" + split + ".txt";
        String subjectFile = dir + "subject_" + split + ".txt";
        for (int c = 0; c < 9; c++) {
            if (signalFiles[c] == null) {
                log.error(dir + "Inertial Signals/", 0, 0, "missing " + channels.get(c).name() + "_" + split
                        + ".txt; split '" + split + "' skipped");
                return;
            }
        }
        for (String f : List.of(yFile, subjectFile)) {
            if (!source.entries().contains(f)) {
                log.error(f, 0, 0, "missing; split '" + split + "' skipped");
                return;
            }
        }
        List<double[]> ys = readLines(source, yFile, 1, log);
        List<double[]> subjects = readLines(source, subjectFile, 1, log);
        int windows = ys.size();
        float[][][] signals = new float[9][][];
        for (int c = 0; c < 9; c++) {
            List<double[]> rows = readLines(source, signalFiles[c], WINDOW, log);
            if (rows.size() != windows) {
                log.error(signalFiles[c], 0, 0, "has " + rows.size() + " lines but " + yFile + " has " + windows
                        + "; only the windows present in every file are read");
            }
            signals[c] = new float[windows][];
            for (int w = 0; w < Math.min(windows, rows.size()); w++) {
                double[] r = rows.get(w);
                if (r == null) continue;
                float[] f = new float[WINDOW];
                double k = c < 6 ? Units.G : 1.0; // body_acc and total_acc are in g
                for (int t = 0; t < WINDOW; t++) f[t] = (float) (r[t] * k);
                signals[c][w] = f;
            }
        }
        if (subjects.size() != windows) {
            log.error(subjectFile, 0, 0, "has " + subjects.size() + " lines but " + yFile + " has " + windows
                    + "; only the windows present in every file are read");
        }
        for (int w = 0; w < windows; w++) {
            double[] y = ys.get(w);
            double[] s = w < subjects.size() ? subjects.get(w) : null;
            if (y == null || s == null) continue;
            int id = (int) y[0];
            if (id != y[0] || id < 1 || id >= ACTIVITY.length) {
                log.error(yFile, w + 1, 1, "activity id " + y[0] + " is not one of 1..6; window skipped");
                continue;
            }
            float[][] samples = new float[9][];
            boolean complete = true;
            for (int c = 0; c < 9; c++) {
                samples[c] = signals[c][w];
                complete &= samples[c] != null;
            }
            if (!complete) continue; // its bad line is already logged
            out.fillMissing(samples, yFile, w + 1);
            String sessionId = String.format(Locale.ROOT, "%s_%05d", split, w + 1);
            out.add(new Session(sessionId, name(), String.valueOf((long) s[0]), facts().activity(ACTIVITY[id]), 50.0,
                    channels, samples, dir + " window " + (w + 1)));
        }
    }

    /**
     * The lines of a one-window-per-line file, by line (index = line - 1); a bad line is logged and left null
     * so the other files' windows stay aligned.
     */
    private static List<double[]> readLines(DatasetSource source, String file, int columns, ProblemLog log)
            throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = source.open(file);
             DelimitedText t = DelimitedText.open(in, file, DelimitedText.Format.whitespace().columns(columns))) {
            DelimitedText.Row r;
            while ((r = t.next(log)) != null) {
                while (rows.size() < r.line() - 1) rows.add(null);
                try {
                    double[] v = new double[columns];
                    for (int i = 0; i < columns; i++) v[i] = r.number(i);
                    rows.add(v);
                } catch (DataFormatException e) {
                    log.error(e.file(), e.line(), e.column(), e.reason() + "; window skipped");
                    rows.add(null);
                }
            }
            while (rows.size() < t.lastContentLine()) rows.add(null); // bad lines at the end keep their place
        }
        return rows;
    }

    private static int indexOf(String[] a, String v) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(v)) return i;
        throw new IllegalArgumentException(v);
    }
}
