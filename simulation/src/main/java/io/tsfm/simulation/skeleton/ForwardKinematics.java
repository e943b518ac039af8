package io.tsfm.simulation.skeleton;

/**
 * World position and orientation of joints per frame, in a Z-up world.
 *
 * <p>Mocap files are Y-up (x right, y up, z toward the viewer). The world used here is Z-up and right-handed,
 * reached by the proper rotation Q: (x, y, z) ↦ (x, −z, y), applied at the root, so gravity is (0, 0, −9.81)
 * and every joint orientation stays a rotation (a mirroring axis swap would flip handedness).
 */
public final class ForwardKinematics {
    /** Y-up to Z-up: maps y to z and z to −y. */
    public static final double[] Y_UP_TO_Z_UP = {1, 0, 0, 0, 0, -1, 0, 1, 0};

    private ForwardKinematics() {}

    /** Per-frame world pose of selected joints. {@code pos[k][f]} is a 3-vector, {@code rot[k][f]} a 3×3 matrix. */
    public record Poses(int[] joints, double[][][] pos, double[][][] rot) {}

    /** Computes the world pose of {@code wanted} joints (and, internally, their ancestors) for every frame. */
    public static Poses compute(Motion m, int[] wanted) {
        Skeleton sk = m.skeleton();
        int n = sk.joints().size();
        boolean[] need = new boolean[n];
        for (int j : wanted) {
            for (int a = j; a >= 0 && !need[a]; a = sk.joints().get(a).parent()) need[a] = true;
        }
        int frames = m.length();
        double[][][] pos = new double[wanted.length][frames][];
        double[][][] rot = new double[wanted.length][frames][];
        double[][] wp = new double[n][];
        double[][] wr = new double[n][];
        for (int f = 0; f < frames; f++) {
            double[] row = m.frames()[f];
            for (int j = 0; j < n; j++) {
                if (!need[j]) continue;
                Skeleton.Joint joint = sk.joints().get(j);
                double[] t = translation(joint, row);
                double[] r = rotation(joint, row);
                if (joint.parent() < 0) {
                    wr[j] = Rot.mul(Y_UP_TO_Z_UP, r);
                    wp[j] = Rot.apply(Y_UP_TO_Z_UP, t);
                } else {
                    int p = joint.parent();
                    wr[j] = Rot.mul(wr[p], r);
                    double[] d = Rot.apply(wr[p], t);
                    wp[j] = new double[] {wp[p][0] + d[0], wp[p][1] + d[1], wp[p][2] + d[2]};
                }
            }
            for (int k = 0; k < wanted.length; k++) {
                pos[k][f] = wp[wanted[k]];
                rot[k][f] = wr[wanted[k]];
            }
        }
        return new Poses(wanted.clone(), pos, rot);
    }

    /** The joint's translation from its parent: its offset, with each axis that has a position channel taken from the row. */
    static double[] translation(Skeleton.Joint j, double[] row) {
        double[] t = j.offset().clone();
        int[] ch = j.channels();
        for (int k = 0; k < ch.length; k++) {
            if (ch[k] <= Skeleton.TZ) t[ch[k]] = row[j.first() + k];
        }
        return t;
    }

    /** The joint's local rotation: its rotation channels multiplied in {@link Skeleton.Joint#rotOrder()}, inside pre·…·pre⁻¹. */
    static double[] rotation(Skeleton.Joint j, double[] row) {
        double[] r = null;
        for (int k : j.rotOrder()) {
            double[] a = Rot.axis(j.channels()[k] - Skeleton.RX, row[j.first() + k]);
            r = r == null ? a : Rot.mul(r, a);
        }
        if (r == null) r = Rot.identity();
        if (j.pre() != null) r = Rot.mul(Rot.mul(j.pre(), r), Rot.transpose(j.pre()));
        return r;
    }
}
