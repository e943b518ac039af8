package io.tsfm.cli.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tsfm perf edge} runs on a tiny input (a few real HAPT windows, one cold start of a child JVM) with the
 * committed micro bundle and prints its figures. Speed itself is never asserted.
 */
class PerfEdgeTest {

    @Test
    void printsLatencyStartupMemoryAndSizeOfTheBundle() {
        String bundle = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize().toString();
        CliRun r = CliRun.run("perf", "edge", "--model", bundle, "--windows", "6", "--passes", "1", "--startups", "1",
                "--child-windows", "3");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        List<String> lines = out.lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("bundle").contains("p50 ms", "p99 ms", "start s",
                "RSS MiB", "HWM MiB", "size MiB"));
        String row = lines.stream().filter(l -> l.startsWith("tsfm-micro")).findFirst().orElseThrow(() ->
                new AssertionError("no row for the bundle in:\n" + out));
        String[] f = row.trim().split("\\s+");
        // bundle, size, windows, p50, p99, p50 ratio, start s, start ratio, RSS, HWM
        assertThat(f).hasSize(10);
        assertThat(Double.parseDouble(f[1])).isPositive();
        assertThat(Integer.parseInt(f[2])).isEqualTo(6);
        assertThat(Double.parseDouble(f[3])).isPositive().isLessThanOrEqualTo(Double.parseDouble(f[4]));
        assertThat(f[5]).isEqualTo("1.00");
        assertThat(Double.parseDouble(f[6])).isPositive();
        assertThat(f[7]).isEqualTo("1.00");
        assertThat(Double.parseDouble(f[8])).isPositive().isLessThanOrEqualTo(Double.parseDouble(f[9]));
        assertThat(out).contains("VmHWM");
    }
}
