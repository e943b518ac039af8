package io.tsfm.cli.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm benchmark --path both} in-process: the shipped micro bundle on racketsports through the direct path and
 * through an embedded broker + streaming job; the report states their agreement and the stream's replay figures.
 */
class BenchmarkStreamCommandTest {

    @Test
    void bothPathsRunAndTheReportStatesTheirAgreement(@TempDir Path dir) throws Exception {
        Path bundle = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
        Path report = dir.resolve("report");
        CliRun o = CliRun.run("benchmark", "--model", bundle.toString(),
                "--datasets", "racketsports", "--path", "both", "--stream-timeout", "5", "--report", report.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("stream path: streaming job answered a probe window");
        assertThat(o.out()).contains("stream vs direct: identical", "windows/s");

        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode agreement = json.path("path_agreement");
        assertThat(agreement.path("identical").asBoolean()).as(agreement.path("verdict").asText()).isTrue();
        assertThat(agreement.path("windows").asInt()).isEqualTo(2 * 151);
        assertThat(agreement.path("passes")).hasSize(2);
        assertThat(agreement.path("replay_windows_per_second").asDouble()).isPositive();
        assertThat(json.path("settings").path("path").asText()).isEqualTo("both");

        JsonNode rows = json.path("metrics").path("zs_closed").path("rows");
        JsonNode direct = rows.get(0);
        JsonNode stream = rows.get(1);
        assertThat(stream.path("system").asText()).isEqualTo(direct.path("system").asText() + " (stream)");
        assertThat(stream.path("cells").path("racketsports").path("accuracy").asDouble())
                .isEqualTo(direct.path("cells").path("racketsports").path("accuracy").asDouble());
        assertThat(stream.path("cells").path("racketsports").path("missing")).isEmpty();
        assertThat(Files.readString(report.resolve("report.md"))).contains("## Stream path vs direct path");
    }
}
