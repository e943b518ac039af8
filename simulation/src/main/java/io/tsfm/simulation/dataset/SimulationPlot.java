package io.tsfm.simulation.dataset;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.plot.SessionPlot;
import io.tsfm.simulation.sensor.BodySite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Simulated sessions drawn above real recordings of the same activity and placement, to judge by eye whether
 * the simulation looks physical: right-thigh walking and running against MotionSense's front-pocket phone,
 * waist walking against HAPT's waist-worn phone. Pairs whose real dataset is absent are left out.
 */
public final class SimulationPlot {
    private SimulationPlot() {}

    /** A simulated label and site, and the real dataset, label and its placement to compare with. */
    record Pair(String simLabel, BodySite site, String realDataset, String realLabel) {}

    static final List<Pair> PAIRS = List.of(
            new Pair("walking", BodySite.RIGHT_THIGH, "motionsense", "walking"),
            new Pair("running", BodySite.RIGHT_THIGH, "motionsense", "jogging"),
            new Pair("walking", BodySite.WAIST, "hapt", "walking"));

    /** The panels: per pair, a simulated session then a real one, each cut to {@code seconds} from its middle. */
    public static List<Session> panels(Dataset sim, DataRoot root, double seconds) throws IOException {
        DatasetCatalog catalog = DatasetCatalog.load();
        List<Session> out = new ArrayList<>();
        for (Pair p : PAIRS) {
            Optional<Session> s = sim.sessions().stream()
                    .filter(x -> x.label().equals(p.simLabel) && SimulationCache.site(x) == p.site)
                    .max(Comparator.comparingInt(Session::length));
            if (s.isEmpty() || root.locate(p.realDataset).isEmpty()) continue;
            Dataset real = catalog.read(p.realDataset, root);
            Optional<Session> r = real.sessions().stream().filter(x -> x.label().equals(p.realLabel)).findFirst();
            if (r.isEmpty()) continue;
            out.add(crop(s.get(), s.get().samples(), "SIMULATED " + s.get().id(), seconds));
            out.add(crop(r.get(), accGyro(r.get()), "REAL " + p.realDataset + " " + r.get().id() + " ("
                    + r.get().channels().get(0).position() + ")", seconds));
        }
        return out;
    }

    /** Writes the panels as a PNG. */
    public static void write(Dataset sim, DataRoot root, double seconds, Path png) throws IOException {
        List<Session> panels = panels(sim, root, seconds);
        if (panels.isEmpty()) throw new IOException("no real dataset to compare with under " + root + " (motionsense, hapt)");
        SessionPlot.write(panels, "mocap_sim: simulated (odd rows) vs real (even rows), acc [m/s²] and gyro [rad/s]", png);
    }

    /**
     * Accelerometer and gyroscope rows of a real session as specific force in m/s². MotionSense (Core Motion)
     * splits the accelerometer into user acceleration and a gravity unit vector in g, both in Apple's sign
     * convention (at rest the raw reading is −1 g on the upward axis), so the specific force is
     * {@code −(user + 9.81 · gravity)}; other datasets already record it.
     */
    private static float[][] accGyro(Session s) {
        List<String> names = s.channels().stream().map(Channel::name).toList();
        float[][] out = new float[6][];
        String[] want = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};
        for (int c = 0; c < 6; c++) {
            int i = names.indexOf(want[c]);
            if (i < 0) throw new IllegalArgumentException(s.id() + " has no " + want[c]);
            out[c] = s.samples()[i].clone();
        }
        int g = names.indexOf("gravity_x");
        if (g >= 0) {
            for (int c = 0; c < 3; c++) {
                float[] gr = s.samples()[g + c];
                for (int t = 0; t < out[c].length; t++) out[c][t] = (float) -(out[c][t] + 9.81 * gr[t]);
            }
        }
        return out;
    }

    private static Session crop(Session s, float[][] rows, String id, double seconds) {
        int n = Math.min(s.length(), (int) Math.round(seconds * s.rateHz()));
        int from = (s.length() - n) / 2;
        float[][] x = new float[6][];
        for (int c = 0; c < 6; c++) x[c] = java.util.Arrays.copyOfRange(rows[c], from, from + n);
        String position = s.channels().get(0).position();
        List<Channel> ch = MocapSimReader.channels(BodySite.WAIST).stream()
                .map(c -> Channel.of(c.name(), c.kind(), c.axis(), position)).toList();
        return new Session(id, s.dataset(), s.subject(), s.label(), s.rateHz(), ch, x, s.source());
    }
}
