package io.tsfm.simulation.skeleton;

import java.util.Arrays;

/**
 * The part of a clip in which the body moves. Captures start and often end with the performer standing still (a
 * T-pose, a wait for the cue, a hold after the last repetition), and those seconds, labelled with the clip's
 * activity, teach a model that standing still is jumping or waving. A frame moves when some joint's speed, taken over
 * a centred {@value #WINDOW_S} s span, reaches {@value #SPEED_M_S} m/s (a person standing sways at a few cm/s; a
 * waving hand or a step is well over it); the span kept runs from the first moving frame to the last, widened by
 * {@value #MARGIN_S} s on each side. Pauses inside the clip are kept. A lead-in that is not motion at all (a converter's
 * blend from the rest pose, see {@code Rig.leadInSeconds}) is never kept. Stateless.
 */
public final class ActiveSpan {
    /** Speed, m/s, from which a joint counts as moving. */
    public static final double SPEED_M_S = 0.2;
    /** Span, s, over which a joint's speed is taken (centred), so marker jitter does not count as motion. */
    public static final double WINDOW_S = 0.2;
    /** Still time, s, kept before the first and after the last moving frame. */
    public static final double MARGIN_S = 0.5;

    private ActiveSpan() {}

    /**
     * Frames {@code [from, to)} of the moving part; the whole clip when no frame moves (a clip of stillness is kept
     * as it is, not emptied).
     */
    public record Span(int from, int to) {
        public int length() {
            return to - from;
        }
    }

    /** The moving part of {@code m}. */
    public static Span of(Motion m) {
        return of(m, 0);
    }

    /** The moving part of {@code m} after its first {@code skipSeconds}, which are never kept. */
    public static Span of(Motion m, double skipSeconds) {
        int n = m.length();
        int skip = Math.min(n, (int) Math.ceil(skipSeconds * m.fps()));
        int half = Math.max(1, (int) Math.round(WINDOW_S * m.fps() / 2));
        if (n - skip <= 2 * half) return new Span(skip, n);
        int[] all = new int[m.skeleton().joints().size()];
        for (int j = 0; j < all.length; j++) all[j] = j;
        double[][][] pos = ForwardKinematics.compute(m, all).pos();
        double threshold = SPEED_M_S * (2.0 * half / m.fps()); // the displacement over the span at that speed
        double threshold2 = threshold * threshold;
        int first = -1;
        int last = -1;
        for (int f = skip + half; f < n - half; f++) {
            if (anyJointMoves(pos, f - half, f + half, threshold2)) {
                if (first < 0) first = f;
                last = f;
            }
        }
        if (first < 0) return new Span(skip, n);
        int margin = (int) Math.round(MARGIN_S * m.fps());
        return new Span(Math.max(skip, first - half - margin), Math.min(n, last + half + margin + 1));
    }

    /** {@code m} cut to its moving part. */
    public static Motion trim(Motion m) {
        return trim(m, 0);
    }

    /** {@code m} cut to its moving part after its first {@code skipSeconds}. */
    public static Motion trim(Motion m, double skipSeconds) {
        Span s = of(m, skipSeconds);
        if (s.from() == 0 && s.to() == m.length()) return m;
        return new Motion(m.skeleton(), m.fps(), Arrays.copyOfRange(m.frames(), s.from(), s.to()), m.source());
    }

    private static boolean anyJointMoves(double[][][] pos, int a, int b, double threshold2) {
        for (double[][] joint : pos) {
            double[] p = joint[a];
            double[] q = joint[b];
            double dx = q[0] - p[0];
            double dy = q[1] - p[1];
            double dz = q[2] - p[2];
            if (dx * dx + dy * dy + dz * dz >= threshold2) return true;
        }
        return false;
    }
}
