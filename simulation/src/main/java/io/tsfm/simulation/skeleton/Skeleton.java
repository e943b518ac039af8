package io.tsfm.simulation.skeleton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A joint hierarchy in the form both BVH and ASF/AMC reduce to: every joint has a parent (listed before it),
 * a rest offset from its parent in the parent's frame (metres, in the file's own Y-up axes), and the slots
 * of its motion channels in a frame row. Immutable.
 *
 * @param name   where it came from (file), for messages
 * @param joints joints in file order, parents first
 */
public record Skeleton(String name, List<Joint> joints) {
    public Skeleton {
        joints = List.copyOf(joints);
    }

    /** Channel types: translation along x, y, z, then rotation about x, y, z. */
    public static final int TX = 0, TY = 1, TZ = 2, RX = 3, RY = 4, RZ = 5;

    /**
     * One joint.
     *
     * @param name      joint name as in the file ({@code End Site}s are named {@code <parent>_end})
     * @param parent    index of the parent joint, -1 for the root
     * @param offset    rest translation from the parent's origin, in the parent's frame (metres)
     * @param channels  channel types ({@link #TX}..{@link #RZ}) in the order their values appear in a frame row
     * @param first     index of the first of this joint's values in a frame row
     * @param rotOrder  indices into {@code channels} of the rotations, in the order their matrices multiply
     *                  (left to right): BVH's listed order; for ASF Z·Y·X of an "XYZ" axis order
     * @param pre       constant rotation applied as {@code pre · R(channels) · pre⁻¹} (the ASF bone axis); null when none
     */
    public record Joint(String name, int parent, double[] offset, int[] channels, int first, int[] rotOrder,
                        double[] pre) {
        /** True when a channel of {@code type} is present. */
        public boolean has(int type) {
            for (int c : channels) if (c == type) return true;
            return false;
        }
    }

    /** Number of values in one frame row. */
    public int channelCount() {
        int n = 0;
        for (Joint j : joints) n = Math.max(n, j.first + j.channels.length);
        return n;
    }

    /** Index of the joint named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < joints.size(); i++) {
            if (joints.get(i).name.equals(name)) return i;
        }
        return -1;
    }

    /** Joint names in order. */
    public List<String> names() {
        List<String> l = new ArrayList<>();
        for (Joint j : joints) l.add(j.name);
        return Collections.unmodifiableList(l);
    }

    /** Name → index. */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < joints.size(); i++) m.put(joints.get(i).name, i);
        return m;
    }

    /**
     * The longest path of offsets from the body's hub, the first joint with two or more children (the pelvis,
     * where legs and spine branch), to any joint below it (file units before scaling). A human measures about
     * 0.8 to 1.3 m this way (pelvis to fingertip or toe) whatever the rest pose, which is what {@link BvhParser}
     * infers the length unit from. Starting at the hub skips the offsets above it, which some rigs use for the
     * start position (Bandai-Namco's Hips OFFSET holds it, up to several metres).
     */
    public static double longestChain(List<double[]> offsets, int[] parents) {
        int n = offsets.size();
        int[] children = new int[n];
        for (int p : parents) if (p >= 0) children[p]++;
        int hub = 0;
        while (hub < n && children[hub] < 2) hub++;
        if (hub == n) hub = 0;
        double[] d = new double[n];
        boolean[] below = new boolean[n];
        below[hub] = true;
        double max = 0;
        for (int i = hub + 1; i < n; i++) {
            if (parents[i] < 0 || !below[parents[i]]) continue;
            below[i] = true;
            double[] o = offsets.get(i);
            d[i] = d[parents[i]] + Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
            max = Math.max(max, d[i]);
        }
        return max;
    }
}
