package io.tsfm.simulation.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The moving part of a clip on synthetic motion whose answer is known to the frame. */
class ActiveSpanTest {
    /** A root that can only translate, at 100 fps, at the given x positions (metres). */
    private static Motion root(double[] x) {
        Skeleton sk = new Skeleton("test", List.of(new Skeleton.Joint("root", -1, new double[3],
                new int[] {Skeleton.TX, Skeleton.TY, Skeleton.TZ}, 0, new int[0], null)));
        double[][] frames = new double[x.length][];
        for (int f = 0; f < x.length; f++) frames[f] = new double[] {x[f], 0.9, 0};
        return new Motion(sk, 100, frames, "test");
    }

    @Test
    void cutsTheStillLeadInAndTailAndKeepsHalfASecondEachSide() {
        // 2 s still, 3 s at 1.3 m/s, 2 s still
        double[] x = new double[700];
        for (int f = 0; f < 700; f++) x[f] = Math.min(Math.max(f - 200, 0), 300) * 0.013;
        ActiveSpan.Span s = ActiveSpan.of(root(x));
        // the centred 0.2 s span (frames f-10..f+10) moves at least 0.04 m (0.2 m/s) from frame 194 to frame 506; then ±0.1 s and ±0.5 s
        assertThat(s).isEqualTo(new ActiveSpan.Span(194 - 10 - 50, 506 + 10 + 50 + 1));
        Motion t = ActiveSpan.trim(root(x));
        assertThat(t.length()).isEqualTo(s.length());
        assertThat(t.frames()[0][0]).isEqualTo(0.0);
        assertThat(t.frames()[t.length() - 1][0]).isCloseTo(3.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void swayingBelowTheSpeedIsStillAndAWhollyStillClipIsKeptWhole() {
        // ±1 cm at 1 Hz: at most 6 cm/s
        double[] sway = new double[500];
        for (int f = 0; f < 500; f++) sway[f] = 0.01 * Math.sin(2 * Math.PI * f / 100.0);
        Motion m = root(sway);
        assertThat(ActiveSpan.of(m)).isEqualTo(new ActiveSpan.Span(0, 500));
        assertThat(ActiveSpan.trim(m)).isSameAs(m);
    }

    @Test
    void aClipMovingThroughoutIsKeptWhole() {
        double[] x = new double[300];
        for (int f = 0; f < 300; f++) x[f] = f * 0.01;
        assertThat(ActiveSpan.of(root(x))).isEqualTo(new ActiveSpan.Span(0, 300));
    }
}
