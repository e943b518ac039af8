package io.tsfm.training.data;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Rotations;
import io.tsfm.core.data.SensorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Training-time augmentations of a cropped window that real devices make necessary, each with its own probability
 * (0 disables it; {@link #NONE} is the reference recipe):
 * <ul>
 *   <li><b>orientation</b>: one rotation uniform over SO(3) per body position, applied to every xyz triad there
 *       (accelerometer, gyroscope and magnetometer of one device turn together), so no axis convention is learned;</li>
 *   <li><b>gravity removal</b>: accelerometer triads lose their low-frequency part (a zero-phase first-order low-pass
 *       at {@link #GRAVITY_CUTOFF_HZ}), as devices that deliver "user acceleration" do, and their channel text says
 *       so ({@link #gravityRemoved(String)});</li>
 *   <li><b>description dropout</b>: the dataset's own description is left out of the channel text, so the model
 *       does not lean on dataset-specific words; a device in the field sends a short description or none;</li>
 *   <li><b>site subsets</b>: a session with sensors at more than {@code maxSites} body positions keeps the channels
 *       of 1..maxSites random positions (a body-worn network such as HuGaDB's six IMUs becomes what one or two
 *       devices would see).</li>
 * </ul>
 * Immutable and thread-safe; callers pass their own {@link Random}.
 *
 * @param rotateP             probability of a random orientation per sample
 * @param gravityRemovalP     probability of removing gravity from the accelerometers of a sample
 * @param descriptionDropoutP probability of leaving the dataset description out of a sample's channel text
 * @param maxSites            most body positions a training sample keeps (0: all)
 */
public record ImuAugmentation(double rotateP, double gravityRemovalP, double descriptionDropoutP, int maxSites) {
    /** No augmentation: the reference recipe. */
    public static final ImuAugmentation NONE = new ImuAugmentation(0, 0, 0, 0);
    /** Cut-off of the gravity estimate, Hz (the usual split between posture and movement). */
    public static final double GRAVITY_CUTOFF_HZ = 0.3;

    public ImuAugmentation {
        for (double p : new double[] {rotateP, gravityRemovalP, descriptionDropoutP}) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("augmentation probability must be in [0, 1]: " + p);
        }
        if (maxSites < 0) throw new IllegalArgumentException("max sites must be >= 0: " + maxSites);
    }

    /** A window after augmentation: samples {@code [channel][t]}, channels, and whether the dataset text is kept. */
    public record Augmented(float[][] samples, List<Channel> channels, boolean keepDatasetDescription) {}

    /**
     * Augments a training crop. {@code samples} may be returned or modified only if {@code owned} says the caller
     * made it a copy.
     */
    public Augmented apply(float[][] samples, List<Channel> channels, double rateHz, boolean owned, Random rng) {
        float[][] x = samples;
        List<Channel> chans = channels;
        if (maxSites > 0) {
            List<String> sites = new ArrayList<>(new TreeSet<>(channels.stream().map(Channel::position).toList()));
            if (sites.size() > maxSites) {
                int keep = 1 + rng.nextInt(maxSites);
                java.util.Collections.shuffle(sites, rng);
                java.util.Set<String> kept = new java.util.HashSet<>(sites.subList(0, keep));
                List<float[]> xs = new ArrayList<>();
                List<Channel> cs = new ArrayList<>();
                for (int c = 0; c < channels.size(); c++) {
                    if (kept.contains(channels.get(c).position())) {
                        xs.add(x[c]);
                        cs.add(channels.get(c));
                    }
                }
                x = xs.toArray(new float[0][]);
                chans = cs;
                owned = false;
            }
        }
        boolean rotate = rotateP > 0 && rng.nextDouble() < rotateP;
        boolean gravity = gravityRemovalP > 0 && rng.nextDouble() < gravityRemovalP;
        if (rotate || gravity) {
            if (!owned) x = copy(x);
            if (rotate) rotate(x, chans, rng);
            if (gravity) chans = removeGravity(x, chans, rateHz);
        }
        boolean keepText = !(descriptionDropoutP > 0 && rng.nextDouble() < descriptionDropoutP);
        return new Augmented(x, chans, keepText);
    }

    /**
     * A copy of {@code session} seen through a device mounted another way: every triad turned by a rotation uniform
     * over SO(3) that depends only on {@code seed} and the session's dataset and id (so every epoch validates on the
     * same turned copy). Used to measure how much a model relies on the axis conventions of its training sets.
     */
    public static io.tsfm.core.data.Session rotatedCopy(io.tsfm.core.data.Session session, long seed) {
        float[][] x = copy(session.samples());
        rotate(x, session.channels(), new Random(seed ^ (session.dataset() + "/" + session.id()).hashCode()));
        return new io.tsfm.core.data.Session(session.id(), session.dataset(), session.subject(), session.label(),
                session.rateHz(), session.channels(), x, session.source());
    }

    /** Every channel-text variant augmentation can give {@code channels}: as recorded and with gravity removed. */
    public List<List<Channel>> channelVariants(List<Channel> channels) {
        List<List<Channel>> out = new ArrayList<>();
        out.add(channels);
        if (gravityRemovalP > 0) {
            List<Channel> g = new ArrayList<>();
            for (Channel ch : channels) g.add(ch.kind() == SensorKind.ACCELEROMETER ? relabel(ch) : ch);
            out.add(g);
        }
        return out;
    }

    /**
     * The channel text of an accelerometer whose gravity was removed: "Accelerometer X-axis (waist)" becomes
     * "User acceleration (gravity removed) X-axis (waist)"; other wordings get " (gravity removed)" appended.
     */
    public static String gravityRemoved(String description) {
        if (description.startsWith("Accelerometer")) {
            return "User acceleration (gravity removed)" + description.substring("Accelerometer".length());
        }
        return description + " (gravity removed)";
    }

    private static Channel relabel(Channel ch) {
        return new Channel(ch.name(), ch.kind(), ch.axis(), ch.unit(), ch.position(), gravityRemoved(ch.description()));
    }

    /** Rotates every complete xyz triad of one kind at one position, one rotation per position. */
    static void rotate(float[][] x, List<Channel> channels, Random rng) {
        Map<String, double[]> rotations = new LinkedHashMap<>();
        for (int[] triad : triads(channels, null)) {
            double[] r = rotations.computeIfAbsent(channels.get(triad[0]).position(), k -> Rotations.uniform(rng));
            float[] a = x[triad[0]];
            float[] b = x[triad[1]];
            float[] c = x[triad[2]];
            for (int t = 0; t < a.length; t++) {
                double u = a[t], v = b[t], w = c[t];
                a[t] = (float) (r[0] * u + r[1] * v + r[2] * w);
                b[t] = (float) (r[3] * u + r[4] * v + r[5] * w);
                c[t] = (float) (r[6] * u + r[7] * v + r[8] * w);
            }
        }
    }

    private static List<Channel> removeGravity(float[][] x, List<Channel> channels, double rateHz) {
        List<Channel> out = new ArrayList<>(channels);
        for (int[] triad : triads(channels, SensorKind.ACCELEROMETER)) {
            for (int c : triad) {
                float[] low = lowPass(x[c], rateHz, GRAVITY_CUTOFF_HZ);
                for (int t = 0; t < low.length; t++) x[c][t] -= low[t];
                out.set(c, relabel(channels.get(c)));
            }
        }
        return out;
    }

    /** Forward-backward first-order low-pass (zero phase), started at the edge values so a still signal stays still. */
    static float[] lowPass(float[] x, double rateHz, double cutoffHz) {
        double alpha = 1 - Math.exp(-2 * Math.PI * cutoffHz / rateHz);
        double[] y = new double[x.length];
        double s = x.length == 0 ? 0 : x[0];
        for (int t = 0; t < x.length; t++) y[t] = s += alpha * (x[t] - s);
        s = x.length == 0 ? 0 : y[x.length - 1];
        float[] out = new float[x.length];
        for (int t = x.length - 1; t >= 0; t--) out[t] = (float) (s += alpha * (y[t] - s));
        return out;
    }

    /** Indices {x, y, z} of each complete triad of one kind (any motion kind when {@code kind} is null) per position. */
    static List<int[]> triads(List<Channel> channels, SensorKind kind) {
        Map<String, int[]> found = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            Channel ch = channels.get(c);
            boolean motion = ch.kind() == SensorKind.ACCELEROMETER || ch.kind() == SensorKind.GYROSCOPE
                    || ch.kind() == SensorKind.MAGNETOMETER;
            if (!motion || (kind != null && ch.kind() != kind)) continue;
            int axis = "xyz".indexOf(ch.axis().toLowerCase(java.util.Locale.ROOT));
            if (ch.axis().length() != 1 || axis < 0) continue;
            int[] t = found.computeIfAbsent(ch.kind() + "|" + ch.position(), k -> new int[] {-1, -1, -1});
            t[axis] = c;
        }
        List<int[]> out = new ArrayList<>();
        for (int[] t : found.values()) if (t[0] >= 0 && t[1] >= 0 && t[2] >= 0) out.add(t);
        return out;
    }

    private static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) out[c] = x[c].clone();
        return out;
    }
}
