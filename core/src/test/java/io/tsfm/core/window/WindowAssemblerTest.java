package io.tsfm.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
    private static final double RATE = 50;

    /** A ramp signal: sample k of the stream has value k on channel 0 and -k on channel 1. */
    private static List<SampleFrame> frames(int totalSamples, int perFrame, long jitterMicros, long seed) {
        Random rng = new Random(seed);
        List<SampleFrame> out = new ArrayList<>();
        long seq = 0;
        for (int k = 0; k < totalSamples; k += perFrame) {
            int n = Math.min(perFrame, totalSamples - k);
            float[][] s = new float[2][n];
            for (int i = 0; i < n; i++) {
                s[0][i] = k + i;
                s[1][i] = -(k + i);
            }
            long t = Math.round((k / RATE) * 1e6) + (jitterMicros == 0 ? 0 : (long) (rng.nextGaussian() * jitterMicros));
            out.add(new SampleFrame("dev", seq++, t, RATE, s));
        }
        return out;
    }

    @Test
    void reassemblesAShuffledJitteredDuplicatedStreamExactly() {
        List<SampleFrame> f = frames(600, 10, 3000, 1); // 3 ms jitter < 10 ms half period
        List<SampleFrame> messy = new ArrayList<>(f);
        messy.add(f.get(7));
        messy.add(f.get(20));
        Collections.shuffle(messy, new Random(3));
        WindowAssembler a = new WindowAssembler(6.0, 0.2, 0.8);
        WindowAssembler.Result r = a.assemble(messy, Math.round(2.0 * 1e6));
        assertThat(r.ok()).as(r.rejection()).isTrue();
        assertThat(r.duplicateFrames()).isEqualTo(2);
        assertThat(r.samples()[0]).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(r.samples()[0][i]).isEqualTo(100 + i);
            assertThat(r.samples()[1][i]).isEqualTo(-(100 + i));
        }
    }

    @Test
    void interpolatesShortGapsAndRejectsLongOnes() {
        List<SampleFrame> f = frames(300, 5, 0, 1);
        List<SampleFrame> oneLost = new ArrayList<>(f);
        oneLost.remove(10); // samples 50..54 missing: 5 samples = 0.1 s
        WindowAssembler a = new WindowAssembler(6.0, 0.2, 0.8);
        WindowAssembler.Result r = a.assemble(oneLost, 0);
        assertThat(r.ok()).isTrue();
        assertThat(r.filledSlots()).isEqualTo(295);
        for (int i = 50; i < 55; i++) assertThat(r.samples()[0][i]).isEqualTo(i); // linear ramp restored

        List<SampleFrame> manyLost = new ArrayList<>(f);
        for (int k = 0; k < 3; k++) manyLost.remove(20); // 15 samples = 0.3 s > 0.2 s
        WindowAssembler.Result bad = a.assemble(manyLost, 0);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.rejection()).contains("gap of 15 missing samples at slot 100");
    }

    @Test
    void rejectsLowCoverageAndLayoutChanges() {
        WindowAssembler a = new WindowAssembler(6.0, 10, 0.8);
        WindowAssembler.Result r = a.assemble(frames(100, 10, 0, 1), 0);
        assertThat(r.ok()).isFalse();
        assertThat(r.rejection()).contains("only 100 of 300");

        List<SampleFrame> f = new ArrayList<>(frames(300, 10, 0, 1));
        f.set(5, new SampleFrame("dev", 5, f.get(5).startMicros(), 100, new float[2][10]));
        assertThat(a.assemble(f, 0).rejection()).contains("rate changed");
    }
}
