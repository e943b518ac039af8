package io.tsfm.simulation.dataset;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.simulation.sensor.BodySite;
import io.tsfm.simulation.sensor.MocapSimulator;
import io.tsfm.simulation.sensor.Rig;
import io.tsfm.simulation.sensor.VirtualImu;
import io.tsfm.simulation.skeleton.ActiveSpan;
import io.tsfm.simulation.skeleton.AsfAmc;
import io.tsfm.simulation.skeleton.BvhParser;
import io.tsfm.simulation.skeleton.Motion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code mocap_sim}: IMU recordings simulated from the motion-capture archives {@code cmu_mocap.zip},
 * {@code hdm05.zip} and {@code bandai_namco.zip}, one {@link Session} per clip and {@link BodySite} its label is
 * seen at ({@link LabelMap#sites}) with accelerometer and gyroscope x, y, z (see {@link MocapSimulator}). Labels
 * come from each archive's {@code MANIFEST_*.csv} through {@link LabelMap}; refused clips and clips that fail to
 * parse are {@link ReadProblem}s naming file and line, and the other clips still load.
 *
 * <p>Where the archives are: {@link #locate} answers, in this order, the system property {@value #ROOT_PROPERTY},
 * the environment variable {@value #ROOT_ENV}, else the folder {@code mocap} next to the data root
 * ({@code <data root>/../mocap}). The source it reads is that folder (or any folder or zip holding the three zips).
 *
 * <p>Simulation takes tens of seconds, so results are cached in {@code ~/.cache/tsfm/mocap_sim} (property
 * {@value #CACHE_PROPERTY} moves it; {@code off} disables it), keyed by the SHA-256 of the three archives and
 * {@link #SIMULATOR_VERSION}. Stateless apart from that cache.
 */
public final class MocapSimReader implements DatasetReader {
    static final String NAME = "mocap_sim";
    /** Bump whenever the simulation, the label map or the site mapping changes: it invalidates the cache. */
    public static final int SIMULATOR_VERSION = 5;
    /** Seed of every random draw (mount orientation, offset, noise), mixed with clip and site. */
    static final long SEED = 20240614L;
    public static final String ROOT_PROPERTY = "tsfm.mocap.root";
    public static final String ROOT_ENV = "TSFM_MOCAP_ROOT";
    public static final String CACHE_PROPERTY = "tsfm.mocap.cache";
    /** The archives: file name and short name. */
    static final Map<String, String> ARCHIVES = Map.of("cmu_mocap.zip", "cmu", "hdm05.zip", "hdm05", "bandai_namco.zip", "bandai");
    static final List<String> ARCHIVE_ORDER = List.of("cmu_mocap.zip", "hdm05.zip", "bandai_namco.zip");

    /** How a refusal's problem message starts. */
    public static final String REFUSED = "refused: ";

    static final String DESCRIPTION = "Simulated IMU data, not recorded by real devices: accelerometer and gyroscope"
            + " synthesised from optical motion capture (CMU Graphics Lab, HDM05 and Bandai-Namco Research Motiondataset)."
            + " Virtual sensors at 11 body sites (left and right wrist, upper arm, thigh and ankle; waist, chest, head),"
            + " each mounted with a random orientation, sampled at 50 Hz (30 Hz for 30 fps captures) with phone-grade"
            + " noise and bias.";

    private static final DatasetInfo INFO = new DatasetInfo(NAME, "IMU simulated from motion capture (CMU, HDM05, Bandai-Namco)",
            DatasetRole.TRAIN, DESCRIPTION,
            "mocap_sim simulates from cmu_mocap.zip, hdm05.zip and bandai_namco.zip: put them in the folder 'mocap' next to the data root"
                    + " (<data root>/../mocap), or point -D" + ROOT_PROPERTY + " / $" + ROOT_ENV + " at their folder;"
                    + " see docs/simulation.md.",
            "CMU: free to use, no direct resale; HDM05: research use; Bandai-Namco: CC BY-NC 4.0 (non-commercial)",
            "CMU Graphics Lab Motion Capture Database (mocap.cs.cmu.edu, NSF EIA-0196217); M. Müller et al., Documentation"
                    + " Mocap Database HDM05, 2007; Kobayashi et al., arXiv:2306.08861, 2023; simulation after UniMTS"
                    + " (Zhang et al., NeurIPS 2024).");

    @Override
    public DatasetInfo info() {
        return INFO;
    }

    @Override
    public boolean readsFromDataRoot() {
        return false;
    }

    @Override
    public Optional<Path> locate(DataRoot root) {
        Path dir = mocapRoot(root);
        for (String a : ARCHIVE_ORDER) {
            if (Files.isRegularFile(dir.resolve(a))) return Optional.of(dir);
        }
        return Optional.empty();
    }

    /** The folder of the mocap archives: property, then environment, then {@code <data root>/../mocap}. */
    public static Path mocapRoot(DataRoot root) {
        String p = System.getProperty(ROOT_PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ROOT_ENV);
        if (p != null && !p.isBlank()) return Paths.get(p).toAbsolutePath().normalize();
        return root.path().resolveSibling("mocap");
    }

    @Override
    public Dataset read(DatasetSource src) throws IOException {
        return read(src, cacheDir());
    }

    /** Reads with the cache in {@code cacheDir}, or without a cache when it is null. */
    public Dataset read(DatasetSource src, Path cacheDir) throws IOException {
        Map<String, byte[]> archives = new HashMap<>();
        List<ReadProblem> missing = new ArrayList<>();
        for (String a : ARCHIVE_ORDER) {
            String entry = null;
            for (String e : src.entries()) {
                if (DatasetSource.fileName(e).equals(a)) {
                    entry = e;
                    break;
                }
            }
            if (entry == null) {
                missing.add(new ReadProblem(a, 0, 0, "archive not found in " + src.location() + "; its clips are missing", 1, true));
                continue;
            }
            try (InputStream in = src.open(entry)) {
                archives.put(a, in.readAllBytes());
            }
        }
        if (archives.isEmpty()) {
            throw new IOException(src.location() + ": none of " + ARCHIVE_ORDER + " found. " + INFO.downloadHint());
        }
        String key = cacheKey(archives);
        Path cached = cacheDir == null ? null : cacheDir.resolve(key + ".bin");
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                SimulationCache.Content c = SimulationCache.read(cached);
                DatasetBuilder b = builder();
                for (Session s : c.sessions()) b.add(s);
                return new Dataset(b.build().manifest(), c.sessions(), c.problems());
            } catch (IOException | RuntimeException e) {
                // a stale or truncated cache is rebuilt, not fatal
                Files.deleteIfExists(cached);
            }
        }
        DatasetBuilder b = builder();
        List<ReadProblem> problems = new ArrayList<>(missing);
        for (String a : ARCHIVE_ORDER) {
            byte[] zip = archives.get(a);
            if (zip != null) simulateArchive(a, zip, b, problems);
        }
        Dataset built = b.build();
        Dataset d = new Dataset(built.manifest(), built.sessions(), problems);
        if (cached != null) {
            SimulationCache.write(cached, d.sessions(), d.problems());
            removeStale(cacheDir, cached);
        }
        return d;
    }

    static DatasetBuilder builder() {
        return new DatasetBuilder(NAME, DESCRIPTION, DatasetRole.TRAIN, INFO.licence(), INFO.citation())
                .sourceUnit(SensorKind.ACCELEROMETER, "m/s² (simulated)")
                .sourceUnit(SensorKind.GYROSCOPE, "rad/s (simulated)")
                .resampling("mocap " + "frames low-passed at " + VirtualImu.SMOOTHING_CUTOFF_HZ
                        + " Hz, differentiated, linearly resampled to 50 Hz (30 Hz for 30 fps captures)");
    }

    private static String cacheKey(Map<String, byte[]> archives) {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            all.update(("mocap_sim v" + SIMULATOR_VERSION + " seed " + SEED).getBytes(StandardCharsets.UTF_8));
            for (String a : ARCHIVE_ORDER) {
                byte[] z = archives.get(a);
                all.update(a.getBytes(StandardCharsets.UTF_8));
                if (z != null) all.update(MessageDigest.getInstance("SHA-256").digest(z));
            }
            return "v" + SIMULATOR_VERSION + "-" + HexFormat.of().formatHex(all.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes this reader's other cache files (older versions or archives), which would never be read again. */
    private static void removeStale(Path dir, Path keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!f.equals(keep) && n.matches("v\\d+-[0-9a-f]{24}\\.bin")) Files.deleteIfExists(f);
            }
        }
    }

    private static Path cacheDir() {
        String p = System.getProperty(CACHE_PROPERTY);
        if ("off".equals(p)) return null;
        if (p != null && !p.isBlank()) return Paths.get(p);
        return Paths.get(System.getProperty("user.home"), ".cache", "tsfm", "mocap_sim");
    }

    /** Simulates every clip of one archive's manifest into {@code b}; per-clip failures become problems. */
    static void simulateArchive(String archiveFile, byte[] zip, DatasetBuilder b, List<ReadProblem> problems) throws IOException {
        String archive = ARCHIVES.get(archiveFile);
        // pass 1: the manifest and the (small) ASF skeletons, wherever they are in the zip
        String manifestName = null;
        String manifestText = null;
        Map<String, byte[]> asfs = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                String n = e.getName();
                if (DatasetSource.fileName(n).startsWith("MANIFEST_") && n.endsWith(".csv")) {
                    manifestName = archiveFile + "!" + n;
                    manifestText = new String(z.readAllBytes(), StandardCharsets.UTF_8);
                } else if (n.toLowerCase(java.util.Locale.ROOT).endsWith(".asf")) {
                    asfs.put(n, z.readAllBytes());
                }
            }
        }
        if (manifestText == null) {
            problems.add(new ReadProblem(archiveFile, 0, 0, "no MANIFEST_*.csv in the archive; its clips were skipped", 1, true));
            return;
        }
        List<Clip> clips;
        try {
            clips = Clip.fromManifest(archive, manifestText, manifestName);
        } catch (DataFormatException | NumberFormatException e) {
            problems.add(e instanceof DataFormatException d ? ReadProblem.of(d)
                    : new ReadProblem(manifestName, 0, 0, e.getMessage() + "; its clips were skipped", 1, true));
            return;
        }
        Map<String, Clip> byPath = new HashMap<>();
        Map<String, List<Clip>> refused = new java.util.LinkedHashMap<>();
        for (Clip c : clips) {
            LabelMap.Mapping m = LabelMap.of(c);
            if (m.label() == null) {
                refused.computeIfAbsent(m.refusal(), k -> new ArrayList<>()).add(c);
            } else {
                byPath.put(c.path(), c);
            }
        }
        // one counted entry per reason, so that every refusal is counted however many there are
        for (Map.Entry<String, List<Clip>> e : refused.entrySet()) {
            List<Clip> cs = e.getValue();
            StringBuilder ids = new StringBuilder();
            for (Clip c : cs) ids.append(ids.length() == 0 ? "" : ", ").append(c.id());
            problems.add(new ReadProblem(cs.get(0).manifest(), cs.get(0).line(), 0, REFUSED + e.getKey() + " (clips "
                    + ids + ")", cs.size(), true));
        }
        Map<String, AsfAmc.Asf> skeletons = new HashMap<>();
        List<String> found = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Clip c = byPath.get(e.getName());
                if (c == null) continue;
                found.add(e.getName());
                String file = archiveFile + "!" + c.path();
                try {
                    Motion m = parse(c, file, new InputStreamReader(z, StandardCharsets.UTF_8), asfs, skeletons, archiveFile);
                    addSessions(c, m.withFps(c.fps()), file, b);
                } catch (DataFormatException ex) {
                    problems.add(ReadProblem.of(ex));
                } catch (IllegalArgumentException ex) {
                    problems.add(new ReadProblem(file, 0, 0, ex.getMessage() + "; clip skipped", 1, true));
                }
            }
        }
        for (Clip c : byPath.values()) {
            if (!found.contains(c.path())) {
                problems.add(new ReadProblem(c.manifest(), c.line(), 0, "clip " + c.id() + ": " + c.path()
                        + " is not in the archive; skipped", 1, true));
            }
        }
    }

    private static Motion parse(Clip c, String file, Reader in, Map<String, byte[]> asfs, Map<String, AsfAmc.Asf> skeletons,
                                String archiveFile) throws IOException {
        if (c.asf().isEmpty()) return BvhParser.parse(in, file);
        AsfAmc.Asf asf = skeletons.get(c.asf());
        if (asf == null) {
            byte[] text = asfs.get(c.asf());
            if (text == null) throw new DataFormatException(c.manifest(), c.line(), 0, "skeleton " + c.asf() + " is not in the archive");
            asf = AsfAmc.parseAsf(new InputStreamReader(new ByteArrayInputStream(text), StandardCharsets.UTF_8),
                    archiveFile + "!" + c.asf());
            skeletons.put(c.asf(), asf);
        }
        return AsfAmc.parseAmc(asf, in, file, c.fps());
    }

    private static void addSessions(Clip c, Motion m, String file, DatasetBuilder b) {
        String label = LabelMap.of(c).label();
        if (!LabelVocabulary.defaults().contains(label)) {
            throw new IllegalStateException("label map gives '" + label + "', which is not in the vocabulary");
        }
        // a converter's rest-pose lead-in, and the still lead-in and tail, would be labelled with the clip's
        // activity (version 5)
        Motion moving = ActiveSpan.trim(m, Rig.detect(m.skeleton()).leadInSeconds());
        List<MocapSimulator.Reading> readings = MocapSimulator.simulate(moving, LabelMap.sites(label), seed(c),
                VirtualImu.Noise.PHONE);
        for (MocapSimulator.Reading r : readings) {
            b.add(new Session(c.key() + "_" + r.site().id(), NAME, c.subject(), label, r.rateHz(), channels(r.site()),
                    r.samples(), file + " (" + r.site().position() + ", " + c.manifest() + " line " + c.line() + ")"));
        }
    }

    /** Accelerometer x, y, z, gyroscope x, y, z at a site, described like real datasets' channels. */
    public static List<Channel> channels(BodySite site) {
        return Channel.accGyro(site.position());
    }

    /** A stable 64-bit seed per clip (FNV-1a of its key, mixed with {@link #SEED}). */
    static long seed(Clip c) {
        long h = 0xcbf29ce484222325L;
        for (byte x : c.key().getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ SEED;
    }
}
