package io.tsfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /** Runs the CLI in-process; asserts it succeeded and returns its stdout. */
    static String run(String... args) {
        CliRun r = CliRun.run(args);
        assertThat(r.code()).as("exit code of %s; stderr:%n%s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    @Test
    void helpListsCommandsAndSetsOfflineFlags() {
        String help = run("--help");
        assertThat(help).contains("datasets");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void emptyRootListsEveryDatasetAsAbsentWithAHint(@TempDir Path empty) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(run("datasets", "list", "--json", "--root", empty.toString()));
        assertThat(doc.get("datasets").size()).isGreaterThan(0);
        for (JsonNode d : doc.get("datasets")) {
            assertThat(d.get("present").asBoolean()).as(d.get("name").asText()).isFalse();
            assertThat(d.get("hint").asText()).isNotBlank();
        }
    }

    @Test
    void listsAllSixRealDatasetsWithSessions() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(run("datasets", "list", "--json", "--present"));
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        doc.get("datasets").forEach(d -> byName.put(d.get("name").asText(), d));
        for (String name : java.util.List.of("hapt", "hmp", "utd_mhad", "mobifall_v2", "basicmotions", "racketsports")) {
            JsonNode d = byName.get(name);
            assertThat(d).as(name + " listed").isNotNull();
            assertThat(d.has("error")).as(name + " read without error").isFalse();
            assertThat(d.get("summary").get("sessions").asInt()).as(name + " sessions").isGreaterThan(0);
            assertThat(d.get("summary").get("hours").asDouble()).as(name + " hours").isGreaterThan(0.1);
        }
        assertThat(byName.get("hapt").get("summary").get("subjects").asInt()).isEqualTo(30);
        assertThat(byName.get("hapt").get("summary").get("labelCounts").size()).isEqualTo(12);
    }

    @Test
    void inspectWritesAPlotAndNamesGroups(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("hmp.png");
        String out = run("datasets", "inspect", "hmp", "--plot", png.toString());
        assertThat(out).contains("climb_stairs").contains("ascending_stairs").contains("Accelerometer");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getHeight()).isGreaterThan(500);
    }

    @Test
    void inspectGroupsAGenericDatasetsOwnLabelsByItsSynonymGroups(@TempDir Path root) throws Exception {
        Path dir = root.resolve("lab_turns");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("tsfm-dataset.json"), "{\"name\": \"lab_turns\", \"description\": "
                + "\"Wrist accelerometer.\", \"role\": \"user\", \"rate_hz\": 10, \"channels\": [{\"column\": \"ax\", "
                + "\"kind\": \"acc\", \"unit\": \"g\"}], \"label_column\": \"activity\", "
                + "\"synonym_groups\": {\"turning\": [\"turning\"], \"walking\": [\"walk_fast\"]}}");
        java.nio.file.Files.writeString(dir.resolve("s1.csv"),
                "ax,activity\n1,turning\n1,turning\n1,walk_fast\n1,walk_fast\n");
        JsonNode doc = new ObjectMapper().readTree(run("datasets", "inspect", "lab_turns", "--json", "--root",
                root.toString()));
        assertThat(doc.path("labelGroups").path("walk_fast").asText()).isEqualTo("walking");
        assertThat(doc.path("labelGroups").path("turning").asText()).isEqualTo("turning");
        assertThat(doc.path("manifest").path("synonymGroups").path("walking").toString()).isEqualTo("[\"walk_fast\"]");
    }
}
