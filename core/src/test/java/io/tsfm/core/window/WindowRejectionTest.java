package io.tsfm.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rejection the shared windowing rule gives carries its own kind. */
class WindowRejectionTest {

    private static final WindowAssembler RULE = new WindowAssembler(1.0, 0.1, 0.5);

    @Test
    void everyAssemblerReasonHasACategory() {
        assertThat(category(List.of())).isEqualTo(WindowRejection.NO_FRAMES);
        assertThat(category(List.of(frame(0, 0, 2, 2)))).isEqualTo(WindowRejection.COVERAGE);
        // 0.0-0.4 s and 0.6-1.0 s: 0.2 s missing, above the 0.1 s limit
        assertThat(category(List.of(frame(0, 0, 4, 2), frame(1, 600_000, 4, 2)))).isEqualTo(WindowRejection.GAP);
        assertThat(category(List.of(frame(0, 0, 5, 2), new SampleFrame("d", 1, 500_000, 20, new float[2][10]))))
                .isEqualTo(WindowRejection.RATE_CHANGED);
        assertThat(category(List.of(frame(0, 0, 5, 2), frame(1, 500_000, 5, 3))))
                .isEqualTo(WindowRejection.CHANNELS_CHANGED);
        WindowAssembler.Result layout = WindowAssembler.layoutChange(List.of("a", "a", "b"), id -> id, id -> 3);
        assertThat(layout.rejectionKind()).isEqualTo(WindowRejection.LAYOUT_CHANGED);
        assertThat(layout.rejection()).isEqualTo("layout changed inside the window: 'a' then 'b' (frame 3)");
        assertThat(WindowAssembler.layoutChange(List.of("a", "a"), id -> id, id -> 0)).isNull();
    }

    private static WindowRejection category(List<SampleFrame> frames) {
        WindowAssembler.Result r = RULE.assemble(frames, 0);
        assertThat(r.ok()).isFalse();
        return r.rejectionKind();
    }

    private static SampleFrame frame(long seq, long start, int steps, int channels) {
        return new SampleFrame("d", seq, start, 10, new float[channels][steps]);
    }
}
