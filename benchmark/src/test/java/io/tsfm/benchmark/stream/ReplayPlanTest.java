package io.tsfm.benchmark.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning a replay of real racketsports windows: event times, frames, channel texts, keys back. */
class ReplayPlanTest {
    private static final long START = 1_700_000_004_000_000L - 1_700_000_004_000_000L % 6_000_000L;

    private static BenchmarkDataset racketsports() throws Exception {
        DataRoot root = DataRoot.resolve();
        return BenchmarkDatasets.load(List.of("racketsports"), DatasetCatalog.load(root), root).get(0);
    }

    @Test
    void everyWindowIsSentOnTheJobGridWithTheDirectPathsChannelTexts() throws Exception {
        BenchmarkDataset d = racketsports();
        // every other window: the plan must leave the gaps silent, not shift later windows
        List<BenchmarkWindow> windows = d.windows().stream().filter(w -> w.index() % 2 == 0).limit(12).toList();
        ReplayPlan plan = ReplayPlan.of(windows, d.description(), 1.0, "p1/", START, 6000, 10);

        assertThat(plan.frames()).hasSize(windows.size() * 6); // 60 samples at 10 Hz in frames of 10
        for (int i = 1; i < plan.frames().size(); i++) {
            assertThat(plan.frames().get(i).startMicros())
                    .isGreaterThanOrEqualTo(plan.frames().get(i - 1).startMicros());
        }
        for (BenchmarkWindow w : windows) {
            long windowStart = START + w.key().startSample() * 100_000L;
            assertThat(windowStart % 6_000_000L).isZero();
            List<ReplayPlan.Planned> mine = plan.frames().stream()
                    .filter(f -> f.deviceId().equals("p1/" + w.key().device()) && f.startMicros() >= windowStart
                            && f.startMicros() < windowStart + 6_000_000L).toList();
            assertThat(mine).hasSize(6);
            float[] first = ImuFrames.samples(mine.get(0).frame());
            for (int c = 0; c < w.samples().length; c++) assertThat(first[c]).isEqualTo(w.samples()[c][0]);
            assertThat(plan.keyOf(d.name(), "p1/" + w.key().device(), windowStart)).isEqualTo(w.key());
        }
        ChannelLayout layout = (ChannelLayout) plan.frames().get(0).frame().getLayout();
        List<String> texts = layout.getChannels().stream().map(ChannelSpec::getDescription).toList();
        assertThat(texts).isEqualTo(windows.get(0).toSensorWindow(d.description(), 1.0).channelDescriptions());
        assertThat(plan.keyOf(d.name(), "p2/" + windows.get(0).key().device(), START)).isNull();
        assertThat(plan.keyOf(d.name(), "p1/" + windows.get(0).key().device(), START + 6_000_000L))
                .isEqualTo(new WindowKey(d.name(), windows.get(0).key().device(), 60));
    }

    @Test
    void aRateThatDoesNotFillSixSecondsIsRefusedNamingTheWindow() throws Exception {
        BenchmarkWindow w = racketsports().windows().get(0);
        BenchmarkWindow odd = new BenchmarkWindow(w.key(), 0, w.labelIndex(), w.label(), w.samples(), 10.1,
                w.channels());
        assertThatThrownBy(() -> ReplayPlan.of(List.of(odd), "d", 1.0, "p/", START, 6000, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window " + w.key())
                .hasMessageContaining("do not fill the job's 6000 ms window exactly");
        assertThatThrownBy(() -> ReplayPlan.of(List.of(w), "d", 1.0, "p/", START + 1000, 6000, 10))
                .hasMessageContaining("not on the 6000 ms grid");
    }
}
