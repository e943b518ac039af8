package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.BadRun;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MHEALTH (Banos et al. 2014) in its published layout {@code MHEALTHDATASET/mHealth_subject<N>.log}: one
 * row per 50 Hz sample, 23 tab-separated signal columns and the activity in column 24 (0 = null class).
 * Each contiguous run of one activity is a session; null-class rows are not sessions. Units as published:
 * acceleration m/s², angular rate deg/s (converted to rad/s), magnetic field in the sensor's local,
 * uncalibrated units (kept as is, unit {@code "local"}), ECG mV (kept, kind OTHER).
 */
public final class MhealthReader extends SeedFactsReader {
    private static final Pattern FILE = Pattern.compile("(.*/)?mHealth_subject(\\d+)\\.log");
    private static final String[] ACTIVITY = {null, "standing", "sitting", "lying", "walking", "climbing_stairs",
            "waist_bends_forward", "frontal_elevation_arms", "knees_bending", "cycling", "jogging", "running",
            "jump_front_back"};
    private static final int COLUMNS = 24;
    private static final double RATE = 50.0;

    private final List<Channel> channels = new ArrayList<>();
    private final double[] scale = new double[23];

    public MhealthReader() {
        super("mhealth", "https://archive.ics.uci.edu/dataset/319/mhealth+dataset",
                "'MHEALTHDATASET/mHealth_subject1.log' ... 'mHealth_subject10.log'",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Banos et al. mHealthDroid: a novel framework for agile development of mobile health applications. "
                        + "IWAAL 2014.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2",
                        SensorKind.GYROSCOPE, "deg/s",
                        SensorKind.MAGNETOMETER, "local (uncalibrated, kept as read)",
                        SensorKind.OTHER, "mV (ECG)"),
                "none");
        add("chest_acc", SensorKind.ACCELEROMETER, "chest");
        channels.add(facts().channel("ecg_lead1", SensorKind.OTHER, "", "mV", "chest"));
        channels.add(facts().channel("ecg_lead2", SensorKind.OTHER, "", "mV", "chest"));
        add("ankle_acc", SensorKind.ACCELEROMETER, "left ankle");
        add("ankle_gyro", SensorKind.GYROSCOPE, "left ankle");
        add("ankle_mag", SensorKind.MAGNETOMETER, "left ankle");
        add("arm_acc", SensorKind.ACCELEROMETER, "right wrist");
        add("arm_gyro", SensorKind.GYROSCOPE, "right wrist");
        add("arm_mag", SensorKind.MAGNETOMETER, "right wrist");
        for (int c = 0; c < scale.length; c++) {
            scale[c] = channels.get(c).kind() == SensorKind.GYROSCOPE ? Units.toCanonical(SensorKind.GYROSCOPE, "deg/s") : 1.0;
        }
    }

    private void add(String prefix, SensorKind kind, String position) {
        channels.addAll(kind == SensorKind.MAGNETOMETER
                ? facts().triaxial(prefix, kind, "local", position)
                : facts().triaxial(prefix, kind, position));
    }

    @Override
    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        List<Matcher> files = matching(source, FILE, "MHEALTHDATASET/mHealth_subject<N>.log");
        DatasetBuilder out = builder();
        for (Matcher m : files) new SubjectFile(m.group(), Integer.parseInt(m.group(2)), out).read(source);
        return out.build();
    }

    /** One subject's file: the run being collected and the sessions numbered so far. */
    private final class SubjectFile {
        private final String file;
        private final int subject;
        private final DatasetBuilder out;
        private final SampleBuffer run = new SampleBuffer(23);
        private int runLabel;
        private int sessionNo;

        SubjectFile(String file, int subject, DatasetBuilder out) {
            this.file = file;
            this.subject = subject;
            this.out = out;
        }

        void read(DatasetSource source) throws IOException {
            BadRun bad = new BadRun(out.problems());
            float[] row = new float[23];
            try (InputStream in = source.open(file);
                 DelimitedText t = DelimitedText.open(in, file, DelimitedText.Format.whitespace().columns(COLUMNS))) {
                t.readRuns(out.problems(), "session ends here", r -> {
                    double code = r.number(23);
                    int id = (int) code;
                    if (id != code || id < 0 || id >= ACTIVITY.length) {
                        flush();
                        bad.add(file, r.line(), 24, String.valueOf(code), "activity " + code + " is not one of 0..12");
                        return;
                    }
                    bad.end();
                    for (int c = 0; c < 23; c++) row[c] = (float) r.number(c);
                    if (id != runLabel) flush();
                    runLabel = id;
                    if (id == 0) return; // null class: between activities, not a session
                    run.append(row, r.line());
                }, this::flush);
            }
            bad.end();
        }

        private void flush() {
            SampleBuffer.Run r = run.take(out.problems(), file, "sessions");
            if (r == null) return;
            float[][] samples = r.samples();
            out.fillMissing(samples, file, r.firstLine());
            for (int c = 0; c < samples.length; c++) {
                if (scale[c] != 1.0) for (int i = 0; i < samples[c].length; i++) samples[c][i] = (float) (samples[c][i] * scale[c]);
            }
            String id = String.format(Locale.ROOT, "subject%02d_%03d", subject, sessionNo++);
            out.add(new Session(id, name(), String.valueOf(subject), facts().activity(ACTIVITY[runLabel]), RATE,
                    channels, samples, file + ":" + r.firstLine() + "-" + r.lastLine()));
        }
    }
}
