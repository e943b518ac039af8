package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * UniMiB SHAR (Micucci, Mobilio and Napoletano 2017) from its published MAT-files
 * {@code UniMiB-SHAR/data/acc_data.mat} (one row per window: 151 x, then 151 y, then 151 z samples at 50 Hz,
 * m/s², phone in a trouser pocket), {@code acc_labels.mat} (per window: activity 1..17, subject, trial)
 * and {@code acc_names.mat} (the activity names, in class order; the published order is used when it is
 * absent). Each window is one session, as in the reference. A window with an invalid activity id is
 * skipped and reported by its row.
 */
public final class UnimibSharReader extends SeedFactsReader {
    /** The published activity names, in class-id order (README), and the reference label of each. */
    private static final String[][] ACTIVITY = {{"StandingUpFS", "standing_up_from_sitting"},
            {"StandingUpFL", "standing_up_from_laying"}, {"Walking", "walking"}, {"Running", "running"},
            {"GoingUpS", "going_up_stairs"}, {"Jumping", "jumping"}, {"GoingDownS", "going_down_stairs"},
            {"LyingDownFS", "lying_down_from_standing"}, {"SittingDown", "sitting_down"},
            {"FallingForw", "falling_forward"}, {"FallingRight", "falling_right"}, {"FallingBack", "falling_backward"},
            {"HittingObstacle", "falling_hitting_obstacle"}, {"FallingWithPS", "falling_with_protection"},
            {"FallingBackSC", "falling_backward_sitting"}, {"Syncope", "syncope"}, {"FallingLeft", "falling_left"}};
    private static final double RATE = 50.0;

    private final List<Channel> channels = new ArrayList<>();

    public UnimibSharReader() {
        super("unimib_shar", "http://www.sal.disco.unimib.it/technologies/unimib-shar/",
                "'UniMiB-SHAR/data/acc_data.mat', 'acc_labels.mat', 'acc_names.mat'",
                "research use with citation (see the dataset page)",
                "Micucci, Mobilio, Napoletano. UniMiB SHAR: A Dataset for Human Activity Recognition Using "
                        + "Acceleration Data from Smartphones. Applied Sciences 7(10):1101, 2017.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2"),
                "none");
        channels.addAll(facts().triaxial("acc", SensorKind.ACCELEROMETER, "trouser pocket"));
    }

    @Override
    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        String dataFile = find(source, "acc_data.mat");
        String labelFile = find(source, "acc_labels.mat");
        if (dataFile == null || labelFile == null) throw notFound(source, "data/acc_data.mat and data/acc_labels.mat");
        DatasetBuilder out = builder();
        String namesFile = find(source, "acc_names.mat");
        String[] labels;
        try {
            labels = namesFile == null ? publishedLabels() : labels(variable(source, namesFile, "acc_names"), namesFile);
        } catch (DataFormatException e) {
            out.problems().error(e.file(), e.line(), e.column(), e.reason() + "; the published class order is used");
            labels = publishedLabels();
        }
        MatArray data;
        MatArray meta;
        try {
            data = variable(source, dataFile, "acc_data");
            meta = variable(source, labelFile, "acc_labels");
            if (data.kind() != MatArray.Kind.NUMERIC || data.cols() % 3 != 0 || data.cols() == 0) {
                throw new DataFormatException(dataFile, 0, 0, "acc_data is " + data + "; expected N x (3 x samples) numbers");
            }
            if (meta.kind() != MatArray.Kind.NUMERIC || meta.cols() < 2) {
                throw new DataFormatException(labelFile, 0, 0, "acc_labels is " + meta + "; expected N x 3 numbers");
            }
        } catch (DataFormatException e) {
            out.problems().error(e);
            return out.build();
        }
        int n = Math.min(data.rows(), meta.rows());
        if (data.rows() != meta.rows()) {
            out.problems().error(labelFile, 0, 0, "has " + meta.rows() + " rows but " + dataFile + " has " + data.rows()
                    + "; only the first " + n + " windows are read", Math.abs(data.rows() - meta.rows()));
        }
        int len = data.cols() / 3;
        for (int r = 0; r < n; r++) {
            double a = meta.get(r, 0);
            double s = meta.get(r, 1);
            int id = (int) a;
            if (id != a || id < 1 || id > labels.length) {
                out.problems().error(labelFile, r + 1, 1, "row " + (r + 1) + ": activity " + a + " is not one of 1.."
                        + labels.length + "; window skipped");
                continue;
            }
            if (s != Math.rint(s)) {
                out.problems().error(labelFile, r + 1, 2, "row " + (r + 1) + ": subject " + s + " is not a whole number; "
                        + "window skipped");
                continue;
            }
            float[][] samples = new float[3][len];
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < len; t++) samples[c][t] = (float) data.get(r, c * len + t);
            }
            out.fillMissing(samples, dataFile, r + 1);
            String trial = meta.cols() > 2 ? ", trial " + (long) meta.get(r, 2) : "";
            out.add(new Session(String.format(Locale.ROOT, "%05d", r + 1), name(), String.valueOf((long) s),
                    facts().activity(labels[id - 1]), RATE, channels, samples, dataFile + " row " + (r + 1) + trial));
        }
        return out.build();
    }

    /** The shortest entry path ending in {@code name} (the archive also holds other .mat files in subfolders). */
    private static String find(DatasetSource source, String name) {
        return source.entries("(.*/)?" + name.replace(".", "\\.")).stream()
                .min(Comparator.comparingInt(String::length)).orElse(null);
    }

    /** Variable {@code name} of a MAT-file, or its only variable. */
    private static MatArray variable(DatasetSource source, String file, String name) throws IOException {
        Map<String, MatArray> vars;
        try (InputStream in = source.open(file)) {
            vars = MatFile.parse(in.readAllBytes(), file);
        }
        MatArray v = vars.get(name);
        if (v == null && vars.size() == 1) v = vars.values().iterator().next();
        if (v == null) throw new DataFormatException(file, 0, 0, "no variable '" + name + "' (found " + vars.keySet() + ")");
        return v;
    }

    private static String[] publishedLabels() {
        String[] l = new String[ACTIVITY.length];
        for (int i = 0; i < l.length; i++) l[i] = ACTIVITY[i][1];
        return l;
    }

    /** Labels in class order from acc_names: a cell of names along its longer dimension (first entry across). */
    private static String[] labels(MatArray names, String file) {
        if (names.kind() != MatArray.Kind.CELL) {
            throw new DataFormatException(file, 0, 0, "acc_names is " + names + ", expected a cell array of names");
        }
        boolean down = names.rows() >= names.cols();
        int count = down ? names.rows() : names.cols();
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            MatArray c = down ? names.cell(i, 0) : names.cell(0, i);
            if (c.kind() != MatArray.Kind.CHAR) {
                throw new DataFormatException(file, 0, 0, "acc_names entry " + (i + 1) + " is " + c + ", expected text");
            }
            String name = c.string().trim();
            for (String[] a : ACTIVITY) if (a[0].equalsIgnoreCase(name)) out[i] = a[1];
            if (out[i] == null) {
                throw new DataFormatException(file, 0, 0, "acc_names entry " + (i + 1) + " '" + name
                        + "' is not a UniMiB SHAR activity");
            }
        }
        return out;
    }
}
