package io.tsfm.simulation.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.simulation.sensor.BodySite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole simulation over the real archives (skipped where they are absent): counts, refusals, timing. */
class MocapArchivesTest {

    @Test
    void everyClipOfTheThreeArchivesBecomesSessionsOrACountedRefusal() throws Exception {
        Path dir = MocapSimReader.mocapRoot(DataRoot.resolve());
        assumeTrue(Files.isRegularFile(dir.resolve("cmu_mocap.zip")), "mocap archives not present at " + dir);
        long t0 = System.nanoTime();
        Dataset d;
        try (DatasetSource src = DatasetSource.open(dir)) {
            d = new MocapSimReader().read(src, null);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.println(SimulationReport.of(d));
        System.out.printf("simulated in %.1f s%n", secs);
        long refused = d.problems().stream().filter(p -> p.message().startsWith(MocapSimReader.REFUSED)).mapToLong(ReadProblem::count).sum();
        long failed = d.problems().stream().filter(p -> p.fatal() && !p.message().startsWith(MocapSimReader.REFUSED)).count();
        Map<String, List<Session>> byClip = d.sessions().stream().collect(Collectors.groupingBy(
                s -> s.id().substring(0, s.id().length() - SimulationCache.site(s).id().length() - 1)));
        long clips = byClip.size();
        assertThat(failed).as("clips that failed to parse or simulate").isZero();
        // 563 clips in the three manifests: each one is simulated at the sites its label is seen at, or refused
        assertThat(clips).isEqualTo(563 - refused);
        for (List<Session> ss : byClip.values()) {
            String label = ss.get(0).label();
            assertThat(ss.stream().map(SimulationCache::site).toList()).as(ss.get(0).id())
                    .containsExactlyInAnyOrderElementsOf(LabelMap.sites(label));
        }
        assertThat(d.sessions().stream().filter(s -> s.label().equals("wave")).map(SimulationCache::site).distinct())
                .containsExactlyInAnyOrder(BodySite.RIGHT_WRIST, BodySite.LEFT_WRIST, BodySite.RIGHT_UPPER_ARM,
                        BodySite.LEFT_UPPER_ARM);
        assertThat(d.sessions().stream().filter(s -> s.label().equals("jumping")).map(SimulationCache::site).distinct())
                .hasSize(11);
        for (Session s : d.sessions()) {
            for (float[] row : s.samples()) for (float v : row) assertThat(Float.isFinite(v)).isTrue();
        }
    }
}
