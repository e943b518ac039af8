package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.BadRun;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.MissingValues;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PAMAP2 (Reiss and Stricker 2012) in its published layout {@code PAMAP2_Dataset/Protocol/subject1NN.dat}:
 * one row per 100 Hz sample, 54 space-separated columns (timestamp s, activity id, heart rate, then 17
 * columns for each of the hand, chest and ankle IMUs: temperature, ±16 g and ±6 g acceleration in m/s²,
 * angular rate rad/s, magnetic field µT, orientation quaternion). Each contiguous run of one protocol
 * activity is a session (a gap over 1 s or a timestamp that does not increase also ends it); activity 0
 * (transient) rows are not sessions. The optional-activity files ({@code Optional/}) are not read: their
 * activities are not among the reference's labels.
 *
 * <p>Missing values: wireless drop-outs are {@code NaN} in the IMU columns, and heart rate is sampled at
 * about 9 Hz, so it is {@code NaN} on most rows. Both are repaired by {@link MissingValues} (heart rate
 * thereby becomes a step signal on the 100 Hz rows) and counted separately.
 */
public final class Pamap2Reader extends SeedFactsReader {
    private static final Pattern FILE = Pattern.compile("(.*/)?Protocol/subject(\\d+)\\.dat");
    private static final int COLUMNS = 54;
    private static final int SIGNALS = 52;
    private static final double RATE = 100.0;
    private static final double MAX_GAP_S = 1.0;
    private static final Map<Integer, String> ACTIVITY = Map.ofEntries(Map.entry(1, "lying"), Map.entry(2, "sitting"),
            Map.entry(3, "standing"), Map.entry(4, "walking"), Map.entry(5, "running"), Map.entry(6, "cycling"),
            Map.entry(7, "nordic_walking"), Map.entry(12, "ascending_stairs"), Map.entry(13, "descending_stairs"),
            Map.entry(16, "vacuum_cleaning"), Map.entry(17, "ironing"), Map.entry(24, "rope_jumping"));
    /** Activities of the published protocol that the reference has no label for. */
    private static final Map<Integer, String> UNLABELLED = Map.of(9, "watching TV", 10, "computer work",
            11, "car driving", 18, "folding laundry", 19, "house cleaning", 20, "playing soccer");

    private final List<Channel> channels = new ArrayList<>();

    public Pamap2Reader() {
        super("pamap2", "https://archive.ics.uci.edu/dataset/231/pamap2+physical+activity+monitoring",
                "'PAMAP2_Dataset/Protocol/subject101.dat' ... 'subject109.dat'",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Reiss, Stricker. Introducing a New Benchmarked Dataset for Activity Monitoring. ISWC 2012.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2",
                        SensorKind.GYROSCOPE, "rad/s",
                        SensorKind.MAGNETOMETER, "uT",
                        SensorKind.ORIENTATION, "quaternion",
                        SensorKind.OTHER, "bpm (heart rate), degC (temperature)"),
                "none");
        channels.add(facts().channel("heart_rate", SensorKind.OTHER, "", "bpm", "chest"));
        imu("hand", "wrist");
        imu("chest", "chest");
        imu("ankle", "ankle");
    }

    private void imu(String prefix, String position) {
        channels.add(facts().channel(prefix + "_temp", SensorKind.OTHER, "", "degC", position));
        for (String group : new String[] {"acc16", "acc6", "gyro", "mag"}) {
            SensorKind kind = group.startsWith("acc") ? SensorKind.ACCELEROMETER
                    : group.equals("gyro") ? SensorKind.GYROSCOPE : SensorKind.MAGNETOMETER;
            channels.addAll(facts().triaxial(prefix + "_" + group, kind, position));
        }
        for (String q : new String[] {"1", "2", "3", "4"}) {
            channels.add(facts().channel(prefix + "_ori_" + q, SensorKind.ORIENTATION, q, position));
        }
    }

    @Override
    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        List<Matcher> files = matching(source, FILE, "PAMAP2_Dataset/Protocol/subject1NN.dat");
        DatasetBuilder out = builder();
        for (Matcher m : files) new SubjectFile(m.group(), m.group(2), out).read(source);
        return out.build();
    }

    /** One subject's file: the run being collected and the sessions numbered so far. */
    private final class SubjectFile {
        private final String file;
        private final String subject;
        private final DatasetBuilder out;
        private final SampleBuffer run = new SampleBuffer(SIGNALS);
        private int runActivity;
        private int sessionNo;
        private double prevTime = Double.NEGATIVE_INFINITY;

        SubjectFile(String file, String subject, DatasetBuilder out) {
            this.file = file;
            this.subject = subject;
            this.out = out;
        }

        void read(DatasetSource source) throws IOException {
            BadRun bad = new BadRun(out.problems());
            float[] row = new float[SIGNALS];
            try (InputStream in = source.open(file);
                 DelimitedText t = DelimitedText.open(in, file, DelimitedText.Format.whitespace().columns(COLUMNS))) {
                t.readRuns(out.problems(), "session ends here", r -> {
                    double time = r.number(0);
                    double code = r.number(1);
                    int id = (int) code;
                    if (!Double.isFinite(time)) throw r.error(0, "timestamp is not finite");
                    if (time <= prevTime) {
                        out.problems().error(file, r.line(), 1, "timestamp " + time + " s does not increase (previous "
                                + prevTime + " s); session ends here");
                        flush();
                    } else if (time - prevTime > MAX_GAP_S) {
                        flush();
                    }
                    prevTime = time;
                    if (id != code || (id != 0 && !ACTIVITY.containsKey(id))) {
                        flush();
                        String name = UNLABELLED.get(id);
                        bad.add(file, r.line(), 2, String.valueOf(code), name != null
                                ? "activity " + id + " (" + name + ") has no label in the reference vocabulary"
                                : "activity id " + code + " is not a PAMAP2 activity");
                        return;
                    }
                    bad.end();
                    for (int c = 0; c < SIGNALS; c++) row[c] = (float) r.number(c + 2);
                    if (id != runActivity) flush();
                    runActivity = id;
                    if (id == 0) return; // transient activity between protocol activities: not a session
                    run.append(time, row, r.line());
                }, this::flush);
            }
            bad.end();
        }

        private void flush() {
            SampleBuffer.Run r = run.take(out.problems(), file, "sessions");
            if (r == null) return;
            float[][] samples = r.samples();
            long hr = MissingValues.fill(new float[][] {samples[0]});
            out.problems().warning(file, r.firstLine(), 3, "heart rate (about 9 Hz) filled onto the 100 Hz rows", hr);
            out.fillMissing(Arrays.copyOfRange(samples, 1, SIGNALS), file, r.firstLine());
            String id = String.format(Locale.ROOT, "subject%s_%03d", subject, sessionNo++);
            out.add(new Session(id, name(), subject, facts().activity(ACTIVITY.get(runActivity)), RATE, channels,
                    samples, file + ":" + r.firstLine() + "-" + r.lastLine()));
        }
    }
}
