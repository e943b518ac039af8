package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helpers: fixture layouts written in the datasets' exact formats, zipping, unzipping, common checks. */
final class Fixtures {
    private Fixtures() {}

    /** The published archive of {@code name} under the configured data root. */
    static Path realArchive(String name) {
        return DataRoot.resolve().locate(name).orElseThrow(() -> new AssertionError("dataset " + name
                + " not found under " + DataRoot.resolve()));
    }

    static Dataset read(DatasetReader reader, Path path) throws IOException {
        try (DatasetSource src = DatasetSource.open(path)) {
            return reader.read(src);
        }
    }

    static void write(Path root, String entry, String text) throws IOException {
        Path p = root.resolve(entry);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    static void write(Path root, String entry, byte[] bytes) throws IOException {
        Path p = root.resolve(entry);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    /** Zips the files under {@code dir} (paths relative to it) into {@code zip}. */
    static Path zip(Path dir, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        return zip;
    }

    /** Unpacks a real archive into {@code dir}, as a user would. */
    static Path unzip(Path zip, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path p = dir.resolve(e.getName()).normalize();
                if (!p.startsWith(dir)) throw new IOException("entry outside the target: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(z, p);
                }
            }
        }
        return dir;
    }

    /** Every session label and manifest label resolves in the default vocabulary. */
    static void assertLabelsInVocabulary(Dataset d) {
        LabelVocabulary v = LabelVocabulary.defaults();
        assertThat(d.manifest().labels()).allSatisfy(l -> assertThat(v.contains(l)).as(l).isTrue());
        assertThat(d.sessions()).allSatisfy(s -> assertThat(v.contains(s.label())).as(s.label()).isTrue());
        assertThat(d.manifest().labels()).containsAll(d.labelCounts().keySet());
    }

    /** The problems whose file ends with {@code file}. */
    static List<ReadProblem> problemsIn(Dataset d, String file) {
        return d.problems().stream().filter(p -> p.file().endsWith(file)).toList();
    }

    /** Mean over samples of the acceleration magnitude (channels 0..2) of a session. */
    static double meanAccMagnitude(Session s) {
        float[][] x = s.samples();
        double sum = 0;
        for (int t = 0; t < s.length(); t++) {
            sum += Math.sqrt((double) x[0][t] * x[0][t] + (double) x[1][t] * x[1][t] + (double) x[2][t] * x[2][t]);
        }
        return sum / s.length();
    }

    /** Mean over axes of the per-axis standard deviation of channels {@code from..from+2}. */
    static double meanStd(Session s, int from) {
        double total = 0;
        for (int c = from; c < from + 3; c++) {
            float[] x = s.samples()[c];
            double m = 0;
            for (float v : x) m += v;
            m /= x.length;
            double var = 0;
            for (float v : x) var += (v - m) * (v - m);
            total += Math.sqrt(var / x.length);
        }
        return total / 3;
    }

    /** Index of the channel named {@code name} in a session; fails when absent. */
    static int channel(Session s, String name) {
        for (int c = 0; c < s.numChannels(); c++) {
            if (s.channels().get(c).name().equals(name)) return c;
        }
        throw new AssertionError(s.id() + " has no channel " + name);
    }

    /** Per-sample magnitude of the three channels from {@code from}. */
    static double[] magnitude(Session s, int from) {
        float[][] x = s.samples();
        double[] out = new double[s.length()];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.sqrt((double) x[from][t] * x[from][t] + (double) x[from + 1][t] * x[from + 1][t]
                    + (double) x[from + 2][t] * x[from + 2][t]);
        }
        return out;
    }

    /**
     * The frequency in {@code [loHz, hiHz]} (0.05 Hz steps) with the largest spectral power of {@code x} (mean
     * removed), by a direct Fourier sum: the step or stride rate of a gait signal.
     */
    static double dominantHz(double[] x, double rateHz, double loHz, double hiHz) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double best = Double.NaN;
        double bestPower = -1;
        for (double f = loHz; f <= hiHz + 1e-9; f += 0.05) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < x.length; t++) {
                double a = 2 * Math.PI * f * t / rateHz;
                re += (x[t] - mean) * Math.cos(a);
                im += (x[t] - mean) * Math.sin(a);
            }
            double p = re * re + im * im;
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }
}
