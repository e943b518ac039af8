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
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HHAR, the Heterogeneity Activity Recognition dataset (Stisen et al. 2015), in its published layout: the
 * phone files {@code Phones_accelerometer.csv} and {@code Phones_gyroscope.csv}, each with the header
 * {@code Index,Arrival_Time,Creation_Time,x,y,z,User,Model,Device,gt}, accelerometer in m/s² and gyroscope
 * in rad/s, every phone sampling as fast as it could (about 50 to 200 Hz, irregularly). The watch files are
 * not read (the reference uses the phones).
 *
 * <p>Unlike the reference converter (which pools all phones and declares every 128 rows 2.56 s), each
 * phone is kept apart and really resampled: per user and device, rows are ordered by {@code Creation_Time}
 * (the sensor timestamp, ns; accelerometer and gyroscope of one phone share that clock), each contiguous
 * run of one activity ({@code gt}; {@code null} rows are not sessions) becomes a session on a 50 Hz grid
 * by {@link LinearResampler} over the span both sensors cover. Gaps over 1 s end a session; spans under
 * 1 s are dropped with a counted warning. A run without gyroscope rows gives an accelerometer-only session.
 */
public final class HharReader extends SeedFactsReader {
    private static final String ACC = "Phones_accelerometer.csv";
    private static final String GYRO = "Phones_gyroscope.csv";
    private static final double RATE = 50.0;
    private static final long MAX_GAP_NS = 1_000_000_000L;
    private static final double MIN_SECONDS = 1.0;
    /** gt value → label code (index into LABELS); "null" is 0. */
    private static final Map<String, Byte> GT = Map.of("null", (byte) 0, "stand", (byte) 1, "sit", (byte) 2,
            "walk", (byte) 3, "stairsup", (byte) 4, "stairsdown", (byte) 5, "bike", (byte) 6);
    private static final String[] LABELS = {null, "standing", "sitting", "walking", "walking_upstairs",
            "walking_downstairs", "cycling"};

    private final List<Channel> accChannels;
    private final List<Channel> allChannels;

    public HharReader() {
        super("hhar", "https://archive.ics.uci.edu/dataset/344/heterogeneity+activity+recognition",
                "'Activity recognition exp/Phones_accelerometer.csv' and 'Phones_gyroscope.csv'",
                "CC BY 4.0 (UCI Machine Learning Repository)",
                "Stisen et al. Smart Devices are Different: Assessing and Mitigating Mobile Sensing Heterogeneities "
                        + "for Activity Recognition. SenSys 2015.",
                Map.of(SensorKind.ACCELEROMETER, "m/s^2", SensorKind.GYROSCOPE, "rad/s"),
                LinearResampler.METHOD + " at 50 Hz from each phone's Creation_Time (ns), accelerometer "
                        + "and gyroscope of one phone on one grid; gaps over 1 s split sessions");
        String pos = "phone (variable placement)";
        accChannels = List.of(facts().channel("acc_x", SensorKind.ACCELEROMETER, "x", pos),
                facts().channel("acc_y", SensorKind.ACCELEROMETER, "y", pos),
                facts().channel("acc_z", SensorKind.ACCELEROMETER, "z", pos));
        allChannels = List.of(accChannels.get(0), accChannels.get(1), accChannels.get(2),
                facts().channel("gyro_x", SensorKind.GYROSCOPE, "x", pos),
                facts().channel("gyro_y", SensorKind.GYROSCOPE, "y", pos),
                facts().channel("gyro_z", SensorKind.GYROSCOPE, "z", pos));
    }

    @Override
    public List<Channel> channels() {
        return allChannels;
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        List<String> accFiles = source.entries("(.*/)?" + ACC.replace(".", "\\."));
        List<String> gyroFiles = source.entries("(.*/)?" + GYRO.replace(".", "\\."));
        if (accFiles.isEmpty()) throw notFound(source, ACC + " (and " + GYRO + ")");
        DatasetBuilder out = builder();
        String accFile = accFiles.get(0);
        Map<String, Stream> acc = readFile(source, accFile, out);
        Map<String, Stream> gyro = new TreeMap<>();
        if (gyroFiles.isEmpty()) {
            out.problems().error(GYRO, 0, 0, "missing; sessions have accelerometer channels only");
        } else {
            gyro = readFile(source, gyroFiles.get(0), out);
        }
        for (Map.Entry<String, Stream> e : acc.entrySet()) {
            Stream g = gyro.get(e.getKey());
            if (g != null) g.order(out, gyroFiles.get(0), e.getKey());
            e.getValue().order(out, accFile, e.getKey());
            new Phone(e.getKey(), e.getValue(), g, accFile, out).sessions();
        }
        return out.build();
    }

    /** One phone's rows of one sensor (per user and device), as primitive arrays. */
    private static final class Stream {
        long[] t = new long[1024];
        float[] x = new float[1024];
        float[] y = new float[1024];
        float[] z = new float[1024];
        byte[] label = new byte[1024];
        int n;

        void add(long time, float vx, float vy, float vz, byte code) {
            if (n == t.length) {
                int cap = n * 2;
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                z = Arrays.copyOf(z, cap);
                label = Arrays.copyOf(label, cap);
            }
            t[n] = time;
            x[n] = vx;
            y[n] = vy;
            z[n] = vz;
            label[n] = code;
            n++;
        }

        /** Sorts by time if needed and drops repeated timestamps; both counted as warnings. */
        void order(DatasetBuilder out, String file, String key) {
            int disorder = 0;
            for (int i = 1; i < n; i++) if (t[i] < t[i - 1]) disorder++;
            if (disorder > 0) {
                int[] idx = IndexSort.byKey(t, n);
                t = permute(t, idx);
                x = permute(x, idx);
                y = permute(y, idx);
                z = permute(z, idx);
                label = permute(label, idx);
                out.problems().warning(file, 0, 3, "rows out of Creation_Time order (put in order)", disorder);
            }
            int w = 0;
            for (int i = 0; i < n; i++) {
                if (w > 0 && t[i] == t[w - 1]) continue;
                t[w] = t[i];
                x[w] = x[i];
                y[w] = y[i];
                z[w] = z[i];
                label[w] = label[i];
                w++;
            }
            if (w < n) out.problems().warning(file, 0, 3, "rows repeating a Creation_Time of the same phone dropped", n - w);
            n = w;
        }

        int lowerBound(long time) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] < time) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        /** One axis resampled from rows {@code from..to} onto the 50 Hz grid starting at {@code origin} (ns). */
        float[] resample(float[] axis, int from, int to, long origin, int samples) {
            double[] ts = new double[to - from + 1];
            for (int i = from; i <= to; i++) ts[i - from] = (t[i] - origin) * 1e-9;
            return LinearResampler.resample(ts, Arrays.copyOfRange(axis, from, to + 1), 0.0, RATE, samples);
        }

        private static long[] permute(long[] a, int[] idx) {
            long[] b = new long[a.length];
            for (int i = 0; i < idx.length; i++) b[i] = a[idx[i]];
            return b;
        }

        private static float[] permute(float[] a, int[] idx) {
            float[] b = new float[a.length];
            for (int i = 0; i < idx.length; i++) b[i] = a[idx[i]];
            return b;
        }

        private static byte[] permute(byte[] a, int[] idx) {
            byte[] b = new byte[a.length];
            for (int i = 0; i < idx.length; i++) b[i] = a[idx[i]];
            return b;
        }
    }

    /** Reads one phone file into streams keyed "user/device". */
    private Map<String, Stream> readFile(DatasetSource source, String file, DatasetBuilder out) throws IOException {
        Map<String, Stream> streams = new TreeMap<>();
        BadRun bad = new BadRun(out.problems());
        try (InputStream in = source.open(file);
             DelimitedText t = DelimitedText.open(in, file, DelimitedText.Format.delimited(',').header(true))) {
            List<String> h = t.header();
            String[] names = {"Creation_Time", "x", "y", "z", "User", "Device", "gt"};
            int[] col = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                col[i] = h.indexOf(names[i]);
                if (col[i] < 0) {
                    out.problems().error(file, t.headerLine(), 0, "missing column '" + names[i] + "' in header " + h
                            + "; file skipped");
                    return streams;
                }
            }
            DelimitedText.Row r;
            while ((r = t.next(out.problems())) != null) {
                try {
                    String gt = r.text(col[6]);
                    Byte code = GT.get(gt);
                    if (code == null) {
                        bad.add(file, r.line(), col[6] + 1, gt, "activity '" + gt + "' is not one of " + GT.keySet());
                        continue;
                    }
                    bad.end();
                    long time = r.integer(col[0]);
                    float vx = (float) r.number(col[1]);
                    float vy = (float) r.number(col[2]);
                    float vz = (float) r.number(col[3]);
                    String key = r.text(col[4]) + "/" + r.text(col[5]);
                    streams.computeIfAbsent(key, k -> new Stream()).add(time, vx, vy, vz, code);
                } catch (DataFormatException e) {
                    out.problems().error(e.file(), e.line(), e.column(), e.reason() + "; row skipped");
                }
            }
        }
        bad.end();
        return streams;
    }

    /** One phone of one user: cuts its accelerometer into activity runs and emits them with its gyroscope. */
    private final class Phone {
        private final String user;
        private final String idBase;
        private final Stream acc;
        private final Stream gyro;
        private final String accFile;
        private final DatasetBuilder out;
        private int sessionNo;

        Phone(String key, Stream acc, Stream gyro, String accFile, DatasetBuilder out) {
            this.user = key.substring(0, key.indexOf('/'));
            this.idBase = key.replace('/', '_');
            this.acc = acc;
            this.gyro = gyro;
            this.accFile = accFile;
            this.out = out;
        }

        void sessions() {
            int i = 0;
            while (i < acc.n) {
                byte code = acc.label[i];
                int j = i;
                while (j + 1 < acc.n && acc.label[j + 1] == code && acc.t[j + 1] - acc.t[j] <= MAX_GAP_NS) j++;
                if (code != 0) run(LABELS[code], i, j); // code 0: gt "null", between activities
                i = j + 1;
            }
        }

        private void run(String label, int a0, int a1) {
            long start = acc.t[a0];
            long end = acc.t[a1];
            int g = gyro == null ? 0 : gyro.lowerBound(start);
            if (gyro == null || g == gyro.n || gyro.t[g] > end) {
                out.problems().warning(accFile, 0, 0, "activity runs without gyroscope rows read as accelerometer-only sessions", 1);
                emit(label, a0, a1, -1, -1, start, end);
                return;
            }
            // the gyroscope may pause inside the run: each of its gap-free stretches is a session
            while (g < gyro.n && gyro.t[g] <= end) {
                int g1 = g;
                while (g1 + 1 < gyro.n && gyro.t[g1 + 1] <= end && gyro.t[g1 + 1] - gyro.t[g1] <= MAX_GAP_NS) g1++;
                long s = gyro.t[g];
                long e = gyro.t[g1];
                // the accelerometer slice brackets [s, e]: one sample at or before s, one at or after e
                int aa = Math.max(acc.lowerBound(s) - 1, a0);
                int ab = Math.min(acc.lowerBound(e), a1);
                emit(label, aa, ab, g, g1, s, e);
                g = g1 + 1;
            }
        }

        private void emit(String label, int a0, int a1, int g0, int g1, long start, long end) {
            if (end - start < MIN_SECONDS * 1e9) {
                out.problems().warning(accFile, 0, 0, "activity stretches shorter than 1 s skipped", 1);
                return;
            }
            int n = LinearResampler.gridLength(0, (end - start) * 1e-9, RATE);
            boolean withGyro = g0 >= 0;
            float[][] samples = new float[withGyro ? 6 : 3][];
            samples[0] = acc.resample(acc.x, a0, a1, start, n);
            samples[1] = acc.resample(acc.y, a0, a1, start, n);
            samples[2] = acc.resample(acc.z, a0, a1, start, n);
            if (withGyro) {
                samples[3] = gyro.resample(gyro.x, g0, g1, start, n);
                samples[4] = gyro.resample(gyro.y, g0, g1, start, n);
                samples[5] = gyro.resample(gyro.z, g0, g1, start, n);
            }
            out.fillMissing(samples, accFile, 0);
            String id = String.format(Locale.ROOT, "%s_%04d", idBase, sessionNo++);
            out.add(new Session(id, name(), user, facts().activity(label), RATE, withGyro ? allChannels : accChannels,
                    samples, "user " + user + ", device " + idBase.substring(user.length() + 1) + ", Creation_Time "
                            + start + ".." + end + " ns"));
        }
    }
}
