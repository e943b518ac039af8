package io.tsfm.simulation.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.simulation.sensor.BodySite;
import io.tsfm.simulation.sensor.MocapSimulator;
import io.tsfm.simulation.sensor.Rig;
import io.tsfm.simulation.sensor.VirtualImu;
import io.tsfm.simulation.skeleton.ActiveSpan;
import io.tsfm.simulation.skeleton.AsfAmc;
import io.tsfm.simulation.skeleton.BvhParser;
import io.tsfm.simulation.skeleton.Motion;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Physics checks on real clips (skipped where the archives are absent): jump apex, walking cadence. */
class RealClipsTest {
    private static final Path MOCAP = MocapSimReader.mocapRoot(DataRoot.resolve());

    private static Motion bvh(ZipFile z, ZipEntry e) throws Exception {
        try (var in = new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8)) {
            return BvhParser.parse(in, e.getName());
        }
    }

    /** |a| of the ideal (noise-free) sensor at {@code site}. */
    private static double[] magnitude(Motion m, BodySite site) {
        return magnitude(m, site, VirtualImu.G);
    }

    /** |a| of the ideal (noise-free) sensor at {@code site} under {@code gravity} (0: user acceleration). */
    private static double[] magnitude(Motion m, BodySite site, double gravity) {
        float[][] x = MocapSimulator.simulate(m, List.of(site), 1, VirtualImu.Noise.NONE, gravity).get(0).samples();
        double[] a = new double[x[0].length];
        for (int t = 0; t < a.length; t++) a[t] = Math.sqrt(x[0][t] * x[0][t] + x[1][t] * x[1][t] + x[2][t] * x[2][t]);
        return a;
    }

    @Test
    void theApexOfAnHdm05HopReadsNearZeroGAtThePelvis() throws Exception {
        Path zip = MOCAP.resolve("hdm05.zip");
        assumeTrue(Files.isRegularFile(zip), "hdm05.zip not present at " + zip);
        List<Double> minima = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (!e.getName().contains("hopBothLegs") || !e.getName().endsWith(".amc")) continue;
                String asfName = e.getName().substring(0, e.getName().lastIndexOf('/') + 1)
                        + e.getName().substring(e.getName().lastIndexOf('/') + 1, e.getName().lastIndexOf('/') + 7) + ".asf";
                AsfAmc.Asf asf;
                try (var in = new InputStreamReader(z.getInputStream(z.getEntry(asfName)), StandardCharsets.UTF_8)) {
                    asf = AsfAmc.parseAsf(in, asfName);
                }
                Motion m;
                try (var in = new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8)) {
                    m = AsfAmc.parseAmc(asf, in, e.getName(), 120);
                }
                minima.add(Arrays.stream(magnitude(m, BodySite.WAIST)).min().orElseThrow());
            }
        }
        Collections.sort(minima);
        double median = minima.get(minima.size() / 2);
        System.out.printf(Locale.ROOT, "HDM05 hopBothLegs, %d clips: smallest |a| at the waist (flight apex), median %.2f m/s²"
                + " (%.3f g), range %.2f to %.2f%n", minima.size(), median, median / 9.81, minima.get(0), minima.get(minima.size() - 1));
        assertThat(minima).hasSize(36);
        // in flight the body falls freely: the pelvis sensor reads far below 1 g (smoothing at 8 Hz blurs the apex a little)
        assertThat(median).isLessThan(0.15 * 9.81);
    }

    @Test
    void cmuJumpsLoseTheConvertersRestPoseJoltAndTheirStillStandButKeepTheJump() throws Exception {
        Path zip = MOCAP.resolve("cmu_mocap.zip");
        assumeTrue(Files.isRegularFile(zip), "cmu_mocap.zip not present at " + zip);
        List<Double> joltBefore = new ArrayList<>();
        List<Double> joltAfter = new ArrayList<>();
        List<Double> cutSeconds = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                // cgspeed's BVH of CMU subject 13's jumps
                if (!e.getName().matches(".*/data/13/13_(11|13|32|39|40|41|42)\\.bvh")) continue;
                Motion m = bvh(z, e);
                assertThat(Rig.detect(m.skeleton())).isEqualTo(Rig.CGSPEED);
                ActiveSpan.Span s = ActiveSpan.of(m, Rig.CGSPEED.leadInSeconds());
                Motion kept = ActiveSpan.trim(m, Rig.CGSPEED.leadInSeconds());
                cutSeconds.add((m.length() - s.length()) / m.fps());
                joltBefore.add(max(magnitude(m, BodySite.RIGHT_WRIST), 0.3));
                joltAfter.add(max(magnitude(kept, BodySite.RIGHT_WRIST), 0.3));
                // every flight phase (the waist far below 1 g) is inside what is kept
                double[] a = magnitude(m, BodySite.WAIST);
                double rate = VirtualImu.outputRate(m.fps());
                for (int t = (int) (0.3 * rate); t < a.length; t++) {
                    if (a[t] < 0.3 * VirtualImu.G) {
                        assertThat(t / rate).as(e.getName()).isBetween(s.from() / m.fps(), s.to() / m.fps());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "CMU 13 jumps, %d clips: largest |a| at the right wrist in the first 0.3 s, median %.1f m/s²"
                + " as converted, %.1f m/s² as simulated; seconds cut, median %.2f (range %.2f to %.2f)%n", cutSeconds.size(),
                median(joltBefore), median(joltAfter), median(cutSeconds), Collections.min(cutSeconds), Collections.max(cutSeconds));
        assertThat(cutSeconds).hasSize(7).allMatch(c -> c >= Rig.CGSPEED.leadInSeconds());
        // the blend from the T-pose swings the arms down in a few frames: a jolt no wrist makes before a jump
        assertThat(median(joltBefore)).isGreaterThan(4 * VirtualImu.G);
        assertThat(Collections.max(joltAfter)).isLessThan(2 * VirtualImu.G);
    }

    private static double max(double[] a, double seconds) {
        return Arrays.stream(a, 0, Math.min(a.length, (int) Math.round(seconds * 50))).max().orElseThrow();
    }

    @Test
    void walkingAtTheThighHasTheStepFrequencyAsRealPocketWalkingDoes() throws Exception {
        Path zip = MOCAP.resolve("bandai_namco.zip");
        assumeTrue(Files.isRegularFile(zip), "bandai_namco.zip not present at " + zip);
        List<Double> simulated = new ArrayList<>();
        List<Double> simulatedUser = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                String n = e.getName();
                if (!n.matches(".*/dataset-1_walk_[a-z-]+_00\\d\\.bvh")) continue;
                Motion m = bvh(z, e);
                simulated.add(dominantHz(magnitude(m, BodySite.RIGHT_THIGH), VirtualImu.outputRate(m.fps())));
                simulatedUser.add(dominantHz(magnitude(m, BodySite.RIGHT_THIGH, 0), VirtualImu.outputRate(m.fps())));
            }
        }
        double sim = median(simulated);
        double simUser = median(simulatedUser);
        System.out.printf(Locale.ROOT, "simulated right-thigh walking (Bandai walk, %d clips): dominant frequency median %.2f Hz"
                + " of |a|, %.2f Hz of |user acceleration|%n", simulated.size(), sim, simUser);
        assertThat(simulated).hasSize(30);
        assertThat(sim).isBetween(1.6, 2.2);

        Dataset ms;
        try {
            ms = DatasetCatalog.load().read("motionsense", DataRoot.resolve());
        } catch (java.io.IOException notThere) {
            assumeTrue(false, "motionsense not present: " + notThere.getMessage());
            return;
        }
        List<Double> real = new ArrayList<>();
        List<Double> realUser = new ArrayList<>();
        for (Session s : ms.sessions()) {
            if (!s.label().equals("walking")) continue;
            // acc_x..z are user acceleration (gravity removed, m/s²); gravity_x..z the gravity direction in g:
            // their sum is what the phone's accelerometer measured, comparable with the simulated |a|
            float[][] x = s.samples();
            int g = s.channels().stream().map(c -> c.name()).toList().indexOf("gravity_x");
            double[] a = new double[s.length()];
            double[] u = new double[s.length()];
            for (int t = 0; t < a.length; t++) {
                double ax = x[0][t] + 9.81 * x[g][t], ay = x[1][t] + 9.81 * x[g + 1][t], az = x[2][t] + 9.81 * x[g + 2][t];
                a[t] = Math.sqrt(ax * ax + ay * ay + az * az);
                u[t] = Math.sqrt(x[0][t] * x[0][t] + x[1][t] * x[1][t] + x[2][t] * x[2][t]);
            }
            real.add(dominantHz(a, s.rateHz()));
            realUser.add(dominantHz(u, s.rateHz()));
        }
        double rl = median(real);
        double rlUser = median(realUser);
        System.out.printf(Locale.ROOT, "MotionSense walking (front pocket, %d sessions): dominant frequency median %.2f Hz of |a|,"
                + " %.2f Hz of |user acceleration|%n", real.size(), rl, rlUser);
        assertThat(rl).isBetween(1.6, 2.2);
        assertThat(Math.abs(sim - rl)).isLessThan(0.3);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** The frequency (0.5–4 Hz) of the largest peak of the Hann-windowed, mean-removed signal's spectrum, 0.01 Hz grid. */
    static double dominantHz(double[] x, double rateHz) {
        double mean = Arrays.stream(x).average().orElse(0);
        int n = x.length;
        double best = 0, bestHz = 0;
        for (double f = 0.5; f <= 4.0; f += 0.01) {
            double re = 0, im = 0;
            for (int t = 0; t < n; t++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / (n - 1));
                double v = (x[t] - mean) * w;
                re += v * Math.cos(2 * Math.PI * f * t / rateHz);
                im -= v * Math.sin(2 * Math.PI * f * t / rateHz);
            }
            double p = re * re + im * im;
            if (p > best) {
                best = p;
                bestHz = f;
            }
        }
        return bestHz;
    }
}
