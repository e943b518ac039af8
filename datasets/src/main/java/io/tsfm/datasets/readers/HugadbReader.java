package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.BadRun;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.MissingValues;
import io.tsfm.datasets.reading.ProblemLog;
import io.tsfm.datasets.reading.SampleBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HuGaDB v1 (Chereshnev and Kertész-Farkas, 2017): six inertial sensors on the right and left foot, shin and
 * thigh, {@code HuGaDB_v1_<activity|various>_<subject>_<trial>.txt}: tab-separated int16 counts after 3
 * {@code #} lines (activity names, ids, date) and a column-name row ({@code acc_rf_x ... gyro_lt_z EMG_r EMG_l
 * act}), one activity code per row. One {@link Session} per contiguous run of one activity code in a file,
 * holding all six sites (accelerometer then gyroscope of each, in the file's order); runs shorter than
 * {@value #MIN_RUN} rows (~1 s) are dropped and counted. Subject = the file name's subject number. The EMG
 * columns are not motion channels and are not read.
 *
 * <p>Rate: the files have no timestamps and the paper states none; the README's activity table gives
 * 2,111,962 samples over 35,903 s, i.e. {@value #RATE_HZ} Hz, taken as every row's spacing.
 *
 * <p>Units: ranges ±2 g and ±2000 deg/s in int16, i.e. {@value #ACC_COUNTS_PER_G} counts per g (|a| at rest is
 * 0.98-1.02 g) and {@value #GYRO_COUNTS_PER_DPS} counts per deg/s; converted to m/s^2 and rad/s.
 *
 * <p>Clipped gyroscopes: the README's table lists recordings in which a gyroscope's data "was amplified 10
 * times, which led to clipping". Those gyroscopes' three channels are <b>dropped</b> from every session of
 * that file (their accelerometers are kept): the amplified signal is wrong by 10x even where it does not clip,
 * and the clipped parts cannot be restored. The table is read from the archive's {@code README.md}; each file
 * concerned gets one warning naming the dropped sites and channels. Without the README no
 * gyroscope can be judged, which is reported once.
 *
 * <p>Bad input, each a {@link ReadProblem} naming file and line: a malformed row is skipped and ends the
 * current run (the rows around it stay, as separate sessions); an unknown activity code skips its rows; a file
 * whose header lacks a column is skipped naming the column. Stateless and thread-safe.
 */
public final class HugadbReader implements DatasetReader {
    static final String NAME = "hugadb";
    static final double RATE_HZ = 58.8;
    static final double ACC_COUNTS_PER_G = 16384;
    static final double GYRO_COUNTS_PER_DPS = 16.4;
    /** Runs shorter than this many rows (~1 s) are dropped. */
    static final int MIN_RUN = 59;

    /** A sensor site: the file's column code, and the body position named in channel descriptions. */
    enum Site {
        RF("rf", "right foot"), RS("rs", "right shin"), RT("rt", "right thigh"),
        LF("lf", "left foot"), LS("ls", "left shin"), LT("lt", "left thigh");

        final String code;
        final String position;

        Site(String code, String position) {
            this.code = code;
            this.position = position;
        }
    }

    /** The README's corrupted-gyroscope table columns, in its order (it says "shank" for the shin). */
    private static final Site[] README_ORDER = {Site.RF, Site.LF, Site.RS, Site.LS, Site.RT, Site.LT};

    /** Activity code → label. */
    static final Map<Integer, String> LABELS = Map.ofEntries(
            Map.entry(1, "walking"), Map.entry(2, "running"), Map.entry(3, "going_up_stairs"),
            Map.entry(4, "going_down_stairs"), Map.entry(5, "sitting"), Map.entry(6, "stand_to_sit"),
            Map.entry(7, "sit_to_stand"), Map.entry(8, "standing"), Map.entry(9, "cycling"),
            Map.entry(10, "elevator_up"), Map.entry(11, "elevator_down"), Map.entry(12, "sitting_in_car"));

    static final String DESCRIPTION = "HuGaDB: Human Gait Database. 18 healthy young adults walking, running, taking"
            + " stairs, sitting, standing, cycling and riding elevators and cars with six inertial sensors on the"
            + " right and left feet, shins and thighs. Triaxial accelerometer and gyroscope at about 58.8Hz.";

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "HuGaDB v1", DatasetRole.TRAIN, DESCRIPTION,
            "Download HuGaDB v1 (https://github.com/romanchereshnev/HuGaDB, README links) and put its README.md and"
                    + " HuGaDB/Data/ folder as hugadb/ (or zipped as hugadb.zip) under the data root.",
            "No licence stated by the authors: research use with citation",
            "R. Chereshnev, A. Kertész-Farkas. HuGaDB: Human Gait Database for Activity Recognition from Wearable"
                    + " Inertial Sensor Networks. AIST 2017, LNCS 10716, 2018.");

    private static final Pattern FILE = Pattern.compile("(?:.*/)?HuGaDB_v1_([a-z_]+)_(\\d+)_(\\d+)\\.txt");
    private static final Pattern README_ROW = Pattern.compile("(HuGaDB_v1_[a-z_]+_\\d+_\\d+\\.txt)");
    private static final double ACC_SCALE = Units.G / ACC_COUNTS_PER_G;
    private static final double GYRO_SCALE = Math.PI / 180.0 / GYRO_COUNTS_PER_DPS;

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        ProblemLog log = new ProblemLog();
        List<String> files = new ArrayList<>();
        String readme = null;
        for (String e : src.entries()) {
            if (FILE.matcher(e).matches()) files.add(e);
            else if (e.equals("README.md") || (readme == null && e.endsWith("/README.md"))) readme = e;
        }
        if (files.isEmpty()) {
            throw new IOException(src.location() + ": not the HuGaDB layout (no HuGaDB_v1_*_<subject>_<trial>.txt"
                    + " files). " + INFO.downloadHint());
        }
        files.sort(null);
        Map<String, Set<Site>> clipped = new TreeMap<>();
        if (readme == null) {
            log.error(src.location(), 0, 0, "README.md (the table of gyroscopes amplified 10x and clipped) is missing:"
                    + " no gyroscope could be checked, all are kept");
        } else {
            clipped = readClippedTable(src, readme, log);
        }
        List<Session> sessions = new ArrayList<>();
        for (String f : files) {
            Matcher m = FILE.matcher(f);
            if (!m.matches()) continue;
            Set<Site> drop = clipped.getOrDefault(DatasetSource.fileName(f), Set.of());
            readFile(src, f, m, drop, readme, sessions, log);
        }
        List<ReadProblem> problems = new ArrayList<>(log.problems());
        return new Dataset(ReaderSupport.manifest(INFO, sessions, LABELS.values(),
                Map.of(SensorKind.ACCELEROMETER, "int16 counts (16384 per g)",
                        SensorKind.GYROSCOPE, "int16 counts (16.4 per deg/s)"), "none (rows at 58.8 Hz)"),
                ReaderSupport.sortedById(sessions, problems), problems);
    }

    /**
     * The README's rows {@code |HuGaDB_v1_..._NN_NN.txt | Corrupted | OK | ...|} (columns right foot, left foot,
     * right shank, left shank, right thigh, left thigh): file name → the sites marked "Corrupted".
     */
    static Map<String, Set<Site>> readClippedTable(DatasetSource src, String readme, ProblemLog log)
            throws IOException {
        Map<String, Set<Site>> out = new TreeMap<>();
        try (InputStream in = src.open(readme);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                Matcher m = README_ROW.matcher(line);
                if (!m.find() || line.indexOf('|') < 0) continue;
                String[] cells = line.strip().replaceAll("^\\|", "").split("\\|", -1);
                Set<Site> sites = EnumSet.noneOf(Site.class);
                for (int k = 0; k < README_ORDER.length && k + 1 < cells.length; k++) {
                    if (cells[k + 1].strip().equalsIgnoreCase("corrupted")) sites.add(README_ORDER[k]);
                }
                if (cells.length < README_ORDER.length + 1) {
                    log.warning(readme, no, 0, "corrupted-gyroscope row with fewer than 6 sites; the missing ones"
                            + " are taken as OK", 1);
                }
                if (!sites.isEmpty()) out.put(m.group(1), sites);
            }
        }
        return out;
    }

    private static void readFile(DatasetSource src, String file, Matcher name, Set<Site> drop, String readme,
                                 List<Session> sessions, ProblemLog log) throws IOException {
        String subject = Integer.toString(Integer.parseInt(name.group(2)));
        String stem = String.format(Locale.ROOT, "%s_%02d_%02d", name.group(1), Integer.parseInt(name.group(2)),
                Integer.parseInt(name.group(3)));
        DelimitedText.Format format = DelimitedText.Format.delimited('\t').comment("#").header(true);
        try (InputStream in = src.open(file); DelimitedText rows = DelimitedText.open(in, file, format)) {
            List<String> header = rows.header();
            List<Channel> channels = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            for (Site s : Site.values()) {
                for (SensorKind k : new SensorKind[] {SensorKind.ACCELEROMETER, SensorKind.GYROSCOPE}) {
                    boolean gyro = k == SensorKind.GYROSCOPE;
                    for (String axis : new String[] {"x", "y", "z"}) {
                        String col = (gyro ? "gyro_" : "acc_") + s.code + "_" + axis;
                        int i = header.indexOf(col);
                        if (i < 0) {
                            log.error(file, rows.headerLine(), 0, "the header has no column '" + col + "'; file skipped");
                            return;
                        }
                        if (gyro && drop.contains(s)) continue;
                        columns.add(i);
                        scales.add(gyro ? GYRO_SCALE : ACC_SCALE);
                        channels.add(new Channel(col, k, axis, k.canonicalUnit(), s.position,
                                Channel.describe(k, axis, s.position)));
                    }
                }
            }
            int act = header.indexOf("act");
            if (act < 0) {
                log.error(file, rows.headerLine(), 0, "the header has no column 'act'; file skipped");
                return;
            }
            if (!drop.isEmpty()) {
                List<String> where = drop.stream().map(s -> s.position).toList();
                log.warning(file, 0, 0, "gyroscope(s) of " + String.join(", ", where) + " amplified 10x and clipped"
                        + " (" + readme + " table): their " + 3 * drop.size() + " channels dropped", 1);
            }
            int nc = channels.size();
            float[] sample = new float[nc];
            SampleBuffer buf = new SampleBuffer(nc);
            BadRun unknown = new BadRun(log);
            int[] current = {-1};
            Runnable end = () -> {
                finish(buf, current[0], file, stem, subject, channels, sessions, log);
                current[0] = -1;
            };
            rows.readRuns(log, "the run ends there", r -> {
                long code = r.wholeNumber(act);
                String label = LABELS.get((int) code);
                if (label == null || code != (int) code) {
                    end.run();
                    unknown.add(file, r.line(), act + 1, "code " + code, "unknown activity code " + code
                            + " (known: 1-12)");
                    return;
                }
                unknown.end();
                for (int c = 0; c < nc; c++) sample[c] = (float) (r.number(columns.get(c)) * scales.get(c));
                if (code != current[0]) {
                    end.run();
                    current[0] = (int) code;
                }
                buf.append(sample, r.line());
            }, end);
            unknown.end();
        } catch (DataFormatException e) {
            log.error(e);
        }
    }

    /** Turns the buffered run into a session, or counts it as too short. */
    private static void finish(SampleBuffer buf, int code, String file, String stem, String subject,
                               List<Channel> channels, List<Session> sessions, ProblemLog log) {
        if (buf.isEmpty()) return;
        if (buf.size() < MIN_RUN) {
            log.warning(file, buf.firstLine(), 0, "activity runs shorter than " + MIN_RUN + " rows (~1 s) dropped", 1);
            buf.clear();
            return;
        }
        SampleBuffer.Run run = buf.take(log, file, "activity run");
        float[][] samples = run.samples();
        log.warning(file, run.firstLine(), 0, "non-finite samples repaired by forward fill", MissingValues.fill(samples));
        String id = String.format(Locale.ROOT, "%s_%06d", stem, run.firstLine());
        sessions.add(new Session(id, NAME, subject, LABELS.get(code), RATE_HZ, channels, samples,
                file + ", lines " + run.firstLine() + "-" + run.lastLine()));
    }
}
