package io.tsfm.datasets.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GenericManifestTest {
    private static final String OK_CHANNEL =
            "{\"column\": \"ax\", \"kind\": \"acc\", \"axis\": \"X\", \"unit\": \"mg\", \"position\": \"hip\"}";

    private static GenericManifest parse(String json) {
        return GenericManifest.parse(json.getBytes(StandardCharsets.UTF_8), "my/tsfm-dataset.json");
    }

    private static String manifest(String extra, String channels) {
        return "{\"name\": \"hip_study\", \"description\": \"Hip-worn accelerometer.\", \"role\": \"train\","
                + "\"rate_hz\": 25, \"channels\": [" + channels + "], \"label_column\": \"activity\"" + extra + "}";
    }

    @Test
    void validManifestGivesChannelsScalesAndDefaults() {
        GenericManifest m = parse(manifest("", OK_CHANNEL));
        assertThat(m.name()).isEqualTo("hip_study");
        assertThat(m.displayName()).isEqualTo("hip_study");
        assertThat(m.delimiter()).isEqualTo(',');
        assertThat(m.channels()).singleElement().satisfies(c -> {
            assertThat(c.channel().name()).isEqualTo("ax");
            assertThat(c.channel().kind()).isEqualTo(SensorKind.ACCELEROMETER);
            assertThat(c.channel().axis()).isEqualTo("x");
            assertThat(c.channel().unit()).isEqualTo("m/s^2");
            assertThat(c.channel().description()).isEqualTo("Accelerometer X-axis (hip)");
            assertThat(c.scale()).isEqualTo(9.80665 / 1000.0);
        });
        assertThat(m.timestampColumn()).isEmpty();
        assertThat(m.resampling()).isEqualTo("none");
    }

    @Test
    void everyMistakeNamesItsField() {
        assertField(manifest("", OK_CHANNEL.replace("\"mg\"", "\"furlong/s\"")), "channels[0].unit", "furlong/s");
        assertField(manifest("", OK_CHANNEL.replace("\"acc\"", "\"barometer\"")), "channels[0].kind", "barometer");
        assertField(manifest("", OK_CHANNEL.replace("\"column\": \"ax\", ", "")), "channels[0].column", "missing");
        assertField(manifest(", \"rate\": 50", OK_CHANNEL), "rate", "unknown field");
        assertField(manifest("", OK_CHANNEL).replace("\"rate_hz\": 25", "\"rate_hz\": -3"), "rate_hz", "positive");
        assertField(manifest("", OK_CHANNEL).replace("\"train\"", "\"testing\""), "role", "train, zero_shot, user");
        assertField(manifest(", \"timestamp_column\": \"t\", \"timestamp_unit\": \"minutes\"", OK_CHANNEL),
                "timestamp_unit", "minutes");
        assertField(manifest(", \"timestamp_column\": \"t\"", OK_CHANNEL), "timestamp_unit", "missing");
        assertField(manifest(", \"labels\": [\"a\"], \"label_map\": {\"1\": \"b\"}", OK_CHANNEL), "label_map[\"1\"]", "'b'");
        assertField(manifest(", \"label_map\": {\"1\": \"teleporting\"}", OK_CHANNEL), "label_map[\"1\"]", "default label vocabulary");
        assertField(manifest(", \"files\": {\"a.csv\": {\"label\": \"walking\"}}", OK_CHANNEL), "label_column", "more than one way");
        assertField(manifest("", OK_CHANNEL).replace(", \"label_column\": \"activity\"", ""), "label_column", "no label source");
        assertField(manifest("", OK_CHANNEL + "," + OK_CHANNEL), "channels[1].name", "duplicate");
        assertField(manifest("", OK_CHANNEL).replace("hip_study", "my study"), "name", "'my study'");
        assertField(manifest(", \"file_pattern\": \"([a-z\"", OK_CHANNEL), "file_pattern", "regular expression");
    }

    @Test
    void synonymGroupsAreNormalisedAndEveryMistakeNamesItsField() {
        GenericManifest m = parse(manifest(", \"synonym_groups\": {\"Turning\": [\"turning\", \"Turn Around\"],"
                + " \"walking\": [\"walk_fast\", \"walking\"]}", OK_CHANNEL));
        assertThat(m.synonymGroups()).containsExactly(
                java.util.Map.entry("turning", java.util.List.of("turning", "turn_around")),
                java.util.Map.entry("walking", java.util.List.of("walk_fast", "walking")));
        // declared labels are allowed labels; anything else still has to be in the default vocabulary
        assertThat(m.allowsLabel("turn_around")).isTrue();
        assertThat(m.allowsLabel("walk_fast")).isTrue();
        assertThat(m.allowsLabel("sitting")).isTrue();
        assertThat(m.allowsLabel("moonwalking")).isFalse();
        // label_map may point at a declared label
        assertThat(parse(manifest(", \"synonym_groups\": {\"turning\": [\"turning\"]}, \"label_map\": {\"7\": \"turning\"}",
                OK_CHANNEL)).labelMap()).containsEntry("7", "turning");

        assertField(manifest(", \"synonym_groups\": {\"turning\": [\"turning\"], \"spinning\": [\"turning\"]}", OK_CHANNEL),
                "synonym_groups[\"spinning\"][0]", "label 'turning' is in two groups: 'turning' and 'spinning'");
        assertField(manifest(", \"synonym_groups\": {\"turning\": []}", OK_CHANNEL),
                "synonym_groups[\"turning\"]", "has no labels");
        assertField(manifest(", \"synonym_groups\": {\"turning\": [\"walking\"]}", OK_CHANNEL),
                "synonym_groups[\"turning\"][0]", "already in the default vocabulary's group 'walking'");
        assertField(manifest(", \"labels\": [\"turning\"], \"synonym_groups\": {\"turning\": [\"turnng\"]}", OK_CHANNEL),
                "synonym_groups[\"turning\"][0]", "not in 'labels'");
        assertField(manifest(", \"synonym_groups\": [\"turning\"]", OK_CHANNEL), "synonym_groups", "non-empty object");
        assertField(manifest(", \"synonym_groups\": {\"turning\": [3]}", OK_CHANNEL), "synonym_groups[\"turning\"][0]",
                "must be a string");
        assertField(manifest(", \"label_map\": {\"7\": \"spinning\"}, \"synonym_groups\": {\"turning\": [\"turning\"]}",
                OK_CHANNEL), "label_map[\"7\"]", "the default label vocabulary or 'synonym_groups'");
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> parse("{\n  \"name\": \"x\",\n  \"role\" \"user\"\n}"))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("my/tsfm-dataset.json");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.reason()).contains("not valid JSON");
                });
    }

    @Test
    void theDocumentedExampleParses() throws java.io.IOException {
        java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "data-generic-csv.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(doc), "docs not beside the module");
        String md = java.nio.file.Files.readString(doc);
        int start = md.indexOf("```json\n") + 8;
        String json = md.substring(start, md.indexOf("```", start));
        GenericManifest m = parse(json);
        assertThat(m.name()).isEqualTo("lab_walks");
        assertThat(m.channels()).hasSize(6);
        assertThat(m.timestampColumn()).contains("time_ms");
        assertThat(m.resampling()).isEqualTo("linear interpolation onto a regular grid at 50 Hz from timestamp column"
                + " 'time_ms' (ms); gaps over 0.5 s split sessions");
    }

    private static void assertField(String json, String field, String detail) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("my/tsfm-dataset.json");
                    assertThat(e.reason()).startsWith("field '" + field + "'").contains(detail);
                });
    }
}
