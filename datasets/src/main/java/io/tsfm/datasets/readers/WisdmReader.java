package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.BadRun;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WISDM 2019, the Smartphone and Smartwatch Activity and Biometrics dataset (Weiss et al. 2019), in its
 * published raw layout {@code wisdm-dataset/raw/<phone|watch>/<accel|gyro>/data_<subject>_<sensor>_<device>.txt}
 * with lines {@code subject,activityCode,timestamp,x,y,z;}: 51 subjects, 18 activities (codes A..S without
 * N) of 3 minutes, 20 Hz, acceleration m/s², angular rate rad/s.
 *
 * <p>One session per subject and activity with the 12 channels of the reference (phone and watch,
 * accelerometer and gyroscope). Phone and watch clocks are independent, so the four streams are not
 * aligned by timestamp: each stream's rows are taken at the published 20 Hz, the streams are aligned at
 * their first row and cut to the shortest (the cut rows are counted as a warning). A stream missing for a
 * subject and activity leaves the session with the other streams' channels (and a warning). When an
 * activity's rows in one file are not contiguous, its longest run is used and the rest reported. A
 * malformed line is reported and skipped without ending its run (at 20 Hz it shifts the rest of that
 * stream by 50 ms, well within the alignment the independent clocks allow anyway).
 */
public final class WisdmReader extends SeedFactsReader {
    private static final Pattern FILE = Pattern.compile(
            "(.*/)?raw/(phone|watch)/(accel|gyro)/data_(\\d+)_(accel|gyro)_(phone|watch)\\.txt");
    /** Stream order = channel order of the reference. */
    private static final String[] STREAMS = {"phone/accel", "phone/gyro", "watch/accel", "watch/gyro"};
    private static final double RATE = 20.0;
    private static final String CODES = "ABCDEFGHIJKLMOPQRS";
    private static final String[] ACTIVITY = {"walking", "jogging", "stairs", "sitting", "standing", "typing",
            "brushing_teeth", "eating_soup", "eating_chips", "eating_pasta", "drinking", "eating_sandwich", "kicking",
            "playing_catch", "dribbling", "writing", "clapping", "folding_clothes"};

    private final List<List<Channel>> streamChannels = new ArrayList<>();

    public WisdmReader() {
        super("wisdm", "https://archive.ics.uci.edu/dataset/507/wisdm+smartphone+and+smartwatch+activity+and+biometrics+dataset",
                "'wisdm-dataset/raw/phone/accel/data_1600_accel_phone.txt', ... (phone|watch × accel|gyro)",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Weiss, Yoneda, Hayajneh. Smartphone and Smartwatch-Based Biometrics Using Activities of Daily "
                        + "Living. IEEE Access 7, 2019.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"),
                "none: each stream's rows taken at the published 20 Hz; phone and watch streams aligned "
                        + "at their first row and cut to the shortest");
        for (String stream : STREAMS) {
            String device = stream.substring(0, 5);
            SensorKind kind = stream.endsWith("accel") ? SensorKind.ACCELEROMETER : SensorKind.GYROSCOPE;
            String position = device.equals("phone") ? "trouser pocket" : "wrist";
            streamChannels.add(facts().triaxial(stream.replace('/', '_'), kind, position));
        }
    }

    @Override
    public List<Channel> channels() {
        List<Channel> all = new ArrayList<>();
        for (List<Channel> cs : streamChannels) all.addAll(cs);
        return all;
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        DatasetBuilder out = builder();
        Map<String, String[]> bySubject = new TreeMap<>();
        for (String e : source.entries()) {
            Matcher m = FILE.matcher(e);
            if (!m.matches()) continue;
            if (!m.group(2).equals(m.group(6)) || !m.group(3).equals(m.group(5))) {
                out.problems().error(e, 0, 0, "file name does not match its folder " + m.group(2) + "/" + m.group(3)
                        + "; file skipped");
                continue;
            }
            int stream = Arrays.asList(STREAMS).indexOf(m.group(2) + "/" + m.group(3));
            bySubject.computeIfAbsent(m.group(4), k -> new String[STREAMS.length])[stream] = e;
        }
        if (bySubject.isEmpty()) throw notFound(source, "wisdm-dataset/raw/<phone|watch>/<accel|gyro>/data_<id>_*.txt");
        for (Map.Entry<String, String[]> subject : bySubject.entrySet()) {
            readSubject(source, subject.getKey(), subject.getValue(), out);
        }
        return out.build();
    }

    private void readSubject(DatasetSource source, String subject, String[] files, DatasetBuilder out)
            throws IOException {
        List<Map<Integer, Run>> streams = new ArrayList<>();
        for (String f : files) streams.add(f == null ? Map.of() : readStream(source, f, subject, out));
        for (int a = 0; a < ACTIVITY.length; a++) {
            List<Channel> channels = new ArrayList<>();
            List<Run> runs = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int s = 0; s < STREAMS.length; s++) {
                Run r = streams.get(s).get(a);
                if (r == null) {
                    missing.add(STREAMS[s]);
                    continue;
                }
                runs.add(r);
                channels.addAll(streamChannels.get(s));
            }
            if (runs.isEmpty()) continue;
            String anchor = runs.get(0).file;
            if (!missing.isEmpty()) {
                out.problems().warning(anchor, runs.get(0).first, 2, "subject×activity sessions missing a stream ("
                        + String.join(", ", missing) + "); read with the other streams' channels", 1);
            }
            int n = Integer.MAX_VALUE;
            for (Run r : runs) n = Math.min(n, r.samples[0].length);
            float[][] samples = new float[channels.size()][];
            StringBuilder where = new StringBuilder();
            int c = 0;
            for (Run r : runs) {
                for (float[] ch : r.samples) samples[c++] = Arrays.copyOf(ch, n);
                out.problems().warning(r.file, r.first, 0, "rows past the shortest stream of their subject×activity "
                        + "dropped (streams aligned at their first row)", r.samples[0].length - n);
                where.append(where.length() == 0 ? "" : "; ").append(r.file).append(':').append(r.first).append('-')
                        .append(r.last);
            }
            if (n < 2) {
                out.problems().warning(anchor, runs.get(0).first, 0, "sessions shorter than 2 rows skipped", 1);
                continue;
            }
            out.fillMissing(samples, anchor, runs.get(0).first);
            out.add(new Session(subject + "_" + CODES.charAt(a), name(), subject, facts().activity(ACTIVITY[a]), RATE,
                    channels, samples, where.toString()));
        }
    }

    /** The longest contiguous run of one activity in one stream file. */
    private static final class Run {
        final String file;
        final float[][] samples;
        final long first;
        final long last;

        Run(String file, SampleBuffer b) {
            this.file = file;
            this.samples = b.samples();
            this.first = b.firstLine();
            this.last = b.lastLine();
        }
    }

    /** Reads one stream file: activity index → its longest run. */
    private Map<Integer, Run> readStream(DatasetSource source, String file, String subject, DatasetBuilder out)
            throws IOException {
        Map<Integer, Run> best = new TreeMap<>();
        Map<Integer, long[]> extra = new TreeMap<>(); // activity → {runs, rows} beyond the longest
        BadRun bad = new BadRun(out.problems());
        SampleBuffer run = new SampleBuffer(3);
        int runActivity = -1;
        float[] row = new float[3];
        DelimitedText.Format fmt = DelimitedText.Format.delimited(',').columns(6).lineSuffix(";");
        try (InputStream in = source.open(file); DelimitedText t = DelimitedText.open(in, file, fmt)) {
            DelimitedText.Row r;
            while ((r = t.next(out.problems())) != null) {
                try {
                    if (!r.text(0).equals(subject)) throw r.error(0, "subject " + r.text(0) + " in the file of subject " + subject);
                    String code = r.text(1);
                    int a = code.length() == 1 ? CODES.indexOf(code.charAt(0)) : -1;
                    if (a < 0) {
                        keep(file, run, runActivity, best, extra);
                        runActivity = -1;
                        bad.add(file, r.line(), 2, code, "activity code '" + code + "' is not one of A..S (without N)");
                        continue;
                    }
                    bad.end();
                    r.integer(2); // the timestamp must be well-formed even though rows are taken at 20 Hz
                    for (int c = 0; c < 3; c++) row[c] = (float) r.number(3 + c);
                    if (a != runActivity) keep(file, run, runActivity, best, extra);
                    runActivity = a;
                    run.append(row, r.line());
                } catch (DataFormatException e) {
                    // one skipped row does not end the run: the four streams are aligned by row anyway
                    out.problems().error(e.file(), e.line(), e.column(), e.reason() + "; row skipped");
                }
            }
        }
        bad.end();
        keep(file, run, runActivity, best, extra);
        for (Map.Entry<Integer, long[]> e : extra.entrySet()) {
            Run used = best.get(e.getKey());
            out.problems().error(file, used.first, 2, "activity " + CODES.charAt(e.getKey()) + " is split into "
                    + (e.getValue()[0] + 1) + " runs; the longest (lines " + used.first + "-" + used.last
                    + ") is used, the other rows skipped", e.getValue()[1]);
        }
        return best;
    }

    /** Ends the current run: it replaces the activity's best run if longer; the shorter one is counted. */
    private static void keep(String file, SampleBuffer run, int activity, Map<Integer, Run> best,
                             Map<Integer, long[]> extra) {
        if (run.isEmpty()) return;
        Run prev = best.get(activity);
        if (prev == null || run.size() > prev.samples[0].length) {
            if (prev != null) count(extra, activity, prev.samples[0].length);
            best.put(activity, new Run(file, run));
        } else {
            count(extra, activity, run.size());
        }
        run.clear();
    }

    private static void count(Map<Integer, long[]> extra, int activity, long rows) {
        long[] e = extra.computeIfAbsent(activity, k -> new long[2]);
        e[0]++;
        e[1] += rows;
    }
}
