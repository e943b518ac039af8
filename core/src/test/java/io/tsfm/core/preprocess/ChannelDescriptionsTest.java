package io.tsfm.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.DataRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ChannelDescriptionsTest {
    @Test
    void oneDecimalIsHalfEvenOnTheExactBinaryValueLikePython() {
        // expected strings are Python's format(v, ".1f")
        assertThat(ChannelDescriptions.formatFixed(1.25, 1)).isEqualTo("1.2");
        assertThat(ChannelDescriptions.formatFixed(0.75, 1)).isEqualTo("0.8");
        assertThat(ChannelDescriptions.formatFixed(1.75, 1)).isEqualTo("1.8");
        assertThat(ChannelDescriptions.formatFixed(2.25, 1)).isEqualTo("2.2");
        assertThat(ChannelDescriptions.formatFixed(1.0, 1)).isEqualTo("1.0");
        assertThat(ChannelDescriptions.formatFixed(2.0, 1)).isEqualTo("2.0");
        // not exact ties in binary: 0.15 is 0.1499…, 0.45 is 0.4500…01, 1.05 is 1.0500…04
        assertThat(ChannelDescriptions.formatFixed(0.15, 1)).isEqualTo("0.1");
        assertThat(ChannelDescriptions.formatFixed(0.35, 1)).isEqualTo("0.3");
        assertThat(ChannelDescriptions.formatFixed(0.45, 1)).isEqualTo("0.5");
        assertThat(ChannelDescriptions.formatFixed(1.05, 1)).isEqualTo("1.1");
        assertThat(ChannelDescriptions.formatFixed(-0.04, 1)).isEqualTo("-0.0");
        // Java's own formatter disagrees on the tie, which is why this class exists
        assertThat(String.format(java.util.Locale.ROOT, "%.1f", 1.25)).isEqualTo("1.3");
    }

    @Test
    void zeroDecimalsIsHalfEvenLikePython() {
        // Python's format(v, ".0f")
        assertThat(ChannelDescriptions.formatFixed(50.0, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(2.5, 0)).isEqualTo("2");
        assertThat(ChannelDescriptions.formatFixed(3.5, 0)).isEqualTo("4");
        assertThat(ChannelDescriptions.formatFixed(0.5, 0)).isEqualTo("0");
        assertThat(ChannelDescriptions.formatFixed(49.5, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(50.5, 0)).isEqualTo("50");
        assertThat(ChannelDescriptions.formatFixed(29.97, 0)).isEqualTo("30");
        assertThatThrownBy(() -> ChannelDescriptions.formatFixed(Double.NaN, 1)).hasMessageContaining("non-finite");
    }

    @Test
    void buildsTheReferenceSentence() {
        Channel ch = Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "waist");
        assertThat(ChannelDescriptions.describeAll("Some dataset.", List.of(ch), 50, 1.25))
                .containsExactly("Some dataset. Accelerometer X-axis (waist) (sampled at 50Hz, 1.2s window)");
        assertThat(ChannelDescriptions.describe("D.", "C")).isEqualTo("D. C");
        assertThat(ChannelDescriptions.padTo(List.of("a"), 3)).containsExactly("a", "[PAD]", "[PAD]");
    }

    /** The exact strings the reference built, recorded in the spec's datasets.json. */
    @Test
    void reproducesTheReferenceTrainingAndEvalStrings() throws IOException {
        Path json = DataRoot.resolve().path().resolveSibling("reference").resolve("datasets.json");
        Assumptions.assumeTrue(Files.isRegularFile(json), "reference facts not present at " + json);
        JsonNode all = new ObjectMapper().readTree(json.toFile()).get("datasets");
        int trainChecked = 0;
        int evalChecked = 0;
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            JsonNode ds = e.getValue();
            String datasetDescription = ds.get("dataset_description").asText();
            Map<String, JsonNode> channels = new HashMap<>();
            for (JsonNode ch : ds.get("channels")) channels.put(ch.get("name").asText(), ch);

            JsonNode train = ds.get("training_channel_descriptions_at_default_patch");
            if (train != null && train.isArray() && train.size() > 0) {
                List<String> order = new ArrayList<>();
                ds.get("training_loader_channel_order").forEach(n -> order.add(n.asText()));
                double rate = channels.get(order.get(0)).get("sampling_rate_hz").asDouble();
                double patch = ds.get("patch_size_default_sec").asDouble();
                List<String> got = new ArrayList<>();
                for (String name : order) {
                    got.add(ChannelDescriptions.describe(datasetDescription,
                            channels.get(name).get("description").asText(), rate, patch));
                }
                List<String> want = new ArrayList<>();
                train.forEach(n -> want.add(n.asText()));
                assertThat(got).as(e.getKey()).isEqualTo(want);
                trainChecked++;
            }

            JsonNode eval = ds.get("eval_channel_descriptions");
            if (eval != null && eval.isArray()) {
                double rate = ds.get("sampling_rate_hz").asDouble();
                List<String> real = new ArrayList<>();
                JsonNode core = ds.get("core_channels_for_benchmark");
                for (String axis : List.of("acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z")) {
                    if (core.has(axis)) {
                        real.add(ChannelDescriptions.describe(datasetDescription,
                                channels.get(core.get(axis).asText()).get("description").asText(), rate, 1.0));
                    }
                }
                List<String> want = new ArrayList<>();
                eval.forEach(n -> want.add(n.asText()));
                assertThat(ChannelDescriptions.padTo(real, 6)).as(e.getKey()).isEqualTo(want);
                evalChecked++;
            }
        }
        assertThat(trainChecked).isEqualTo(10);
        assertThat(evalChecked).isEqualTo(7);
    }
}
