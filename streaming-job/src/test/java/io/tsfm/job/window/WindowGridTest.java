package io.tsfm.job.window;

import io.tsfm.core.window.WindowGrid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowGridTest {

    private final WindowGrid grid = WindowGrid.ofMillis(6000, 2000);

    @Test
    void windowsOverlappingAFrameAreTheGridEndsAfterItsStartAndBeforeItsEndPlusTheLength() {
        // a frame [5.0 s, 5.2 s) lies in [0,6) [2,8) [4,10)
        assertThat(grid.firstEnd(5_000_000)).isEqualTo(6_000_000);
        assertThat(grid.lastEnd(5_200_000)).isEqualTo(10_000_000);
        // a frame starting exactly on a window end does not belong to the window ending there
        assertThat(grid.firstEnd(6_000_000)).isEqualTo(8_000_000);
        // a frame ending exactly on a window start does not belong to it: [4.0, 6.0) ends where [6,12) starts
        assertThat(grid.lastEnd(6_000_000)).isEqualTo(10_000_000);
        // before the epoch too (floor, not truncation)
        assertThat(grid.firstEnd(-1)).isEqualTo(0);
        assertThat(grid.timerFor(6_000_000)).isEqualTo(5_999);
        assertThat(grid.endForTimer(5_999)).isEqualTo(6_000_000);
        assertThat(grid.startOf(6_000_000)).isEqualTo(0);
        assertThat(grid.pruneBefore(6_000_000)).isEqualTo(2_000_000);
    }

    @Test
    void hopLongerThanTheWindowOrFractionsOfAMillisecondAreRefused() {
        assertThatThrownBy(() -> WindowGrid.ofMillis(2000, 3000)).hasMessageContaining("hop");
        assertThatThrownBy(() -> new WindowGrid(6_000_500, 2_000_000)).hasMessageContaining("whole number of ms");
    }
}
