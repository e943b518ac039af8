package io.tsfm.simulation.sensor;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.Rotations;
import io.tsfm.simulation.skeleton.ForwardKinematics;
import io.tsfm.simulation.skeleton.Motion;
import io.tsfm.simulation.skeleton.Rot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a motion clip into the readings of virtual IMUs at body sites: forward kinematics, a sensor mounted
 * at the site with a random orientation (uniform over SO(3)) and a random offset of up to
 * {@link #MAX_OFFSET_M} per axis in the segment's frame, ideal readings ({@link VirtualImu#ideal}, smoothed at
 * {@link VirtualImu#SMOOTHING_CUTOFF_HZ}), resampling to {@link VirtualImu#outputRate}, then noise and bias.
 * Everything random is drawn from a generator seeded by the caller's seed and the site, so a clip simulates to
 * the same samples every time. Stateless.
 */
public final class MocapSimulator {
    /** Largest offset of the sensor from its site along each segment axis, metres (a strap or pocket is not on the bone). */
    public static final double MAX_OFFSET_M = 0.02;

    private MocapSimulator() {}

    /**
     * The seed of one site's generator: SplitMix64's finalizer over the clip seed and the site. java.util.Random
     * only XORs its seed with a constant before its first step, so seeds a constant stride apart are a weak basis
     * for independent mounts; hashing them first makes each site's draws independent of its neighbours'.
     */
    static long siteSeed(long seed, BodySite site) {
        long z = seed + (site.ordinal() + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One site's simulated recording: rows acc x, y, z (m/s²), gyro x, y, z (rad/s) at {@code rateHz}. */
    public record Reading(BodySite site, double rateHz, float[][] samples) {}

    /** Simulates every site of {@code sites} on {@code m}; the rig is detected from the joint names. */
    public static List<Reading> simulate(Motion m, List<BodySite> sites, long seed, VirtualImu.Noise noise) {
        return simulate(m, sites, seed, noise, VirtualImu.G);
    }

    /** As {@link #simulate(Motion, List, long, VirtualImu.Noise)} with gravity {@code gravity} m/s² (0: user acceleration). */
    public static List<Reading> simulate(Motion m, List<BodySite> sites, long seed, VirtualImu.Noise noise, double gravity) {
        Rig rig = Rig.detect(m.skeleton());
        Map<String, Integer> index = m.skeleton().index();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (BodySite s : sites) {
            Rig.Mount mount = rig.mount(s);
            for (String j : new String[] {mount.orient(), mount.from(), mount.to()}) {
                Integer i = j.equals(Rig.ROOT) ? Integer.valueOf(0) : index.get(j);
                if (i == null) {
                    throw new DataFormatException(m.source(), 0, 0, "the " + rig + " rig should have joint '" + j + "' for the "
                            + s.position() + " sensor, but this skeleton does not");
                }
                wanted.putIfAbsent(j, wanted.size());
            }
        }
        int[] joints = new int[wanted.size()];
        for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            joints[e.getValue()] = e.getKey().equals(Rig.ROOT) ? 0 : index.get(e.getKey());
        }
        ForwardKinematics.Poses poses = ForwardKinematics.compute(m, joints);
        double outHz = VirtualImu.outputRate(m.fps());
        List<Reading> out = new ArrayList<>();
        for (BodySite s : sites) {
            Rig.Mount mount = rig.mount(s);
            double[][] rotSeg = poses.rot()[wanted.get(mount.orient())];
            double[][] from = poses.pos()[wanted.get(mount.from())];
            double[][] to = poses.pos()[wanted.get(mount.to())];
            Random rng = new Random(siteSeed(seed, s));
            double[] mountRot = Rotations.uniform(rng);
            double[] offset = {MAX_OFFSET_M * (2 * rng.nextDouble() - 1), MAX_OFFSET_M * (2 * rng.nextDouble() - 1),
                MAX_OFFSET_M * (2 * rng.nextDouble() - 1)};
            int n = m.length();
            double[][] pos = new double[n][];
            double[][] rot = new double[n][];
            double f = mount.fraction();
            for (int t = 0; t < n; t++) {
                double[] d = Rot.apply(rotSeg[t], offset);
                pos[t] = new double[] {
                    from[t][0] + f * (to[t][0] - from[t][0]) + d[0],
                    from[t][1] + f * (to[t][1] - from[t][1]) + d[1],
                    from[t][2] + f * (to[t][2] - from[t][2]) + d[2]};
                rot[t] = Rot.mul(rotSeg[t], mountRot);
            }
            double[][] ideal = VirtualImu.ideal(new VirtualImu.Trajectory(pos, rot, m.fps()), VirtualImu.SMOOTHING_CUTOFF_HZ, gravity);
            double[][] resampled = VirtualImu.resample(ideal, m.fps(), outHz);
            out.add(new Reading(s, outHz, noise.apply(resampled, rng)));
        }
        return out;
    }
}
