package io.tsfm.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.preprocess.ChannelDescriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link ChannelDescriptions} against the reference's recorded strings, found next to the data root. */
class ReferenceChannelDescriptionsTest {

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
