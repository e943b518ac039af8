package io.tsfm.benchmark.baseline.lanhar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.text.MiniLmTextEncoder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage 1 on the real MiniLM token states of the template descriptions. */
class LanHarTextStageTest {
    static MiniLmTextEncoder encoder;

    @BeforeAll
    static void load() throws Exception {
        encoder = MiniLmTextEncoder.builder().optIntraOpThreads(1).build();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void descriptionsNameTheLabelAndItsGroup() {
        ActivityDescriptions d = new ActivityDescriptions(LabelVocabulary.defaults());
        assertThat(d.name("walking_upstairs")).isEqualTo("walking upstairs");
        assertThat(d.describe("jogging")).hasSize(ActivityDescriptions.TEMPLATES.size())
                .anyMatch(s -> s.contains("jogging") && s.contains("running"));
        assertThat(d.describe("not_a_vocabulary_label").get(2)).contains("not a vocabulary label activity");
    }

    @Test
    void textStageLossFallsOverItsFirstSteps() {
        List<String> labels = List.of("walking", "running", "sitting", "standing", "lying", "cycling",
                "climbing_stairs", "descending_stairs", "brushing_teeth", "drinking", "clapping", "jumping");
        LanHarConfig c = LanHarConfig.cpuDefaults();
        try (LanHarModel m = LanHarModel.create(c, new TextTokens(encoder), LabelVocabulary.defaults())) {
            float[][] before = m.prototypes(List.of("walking"));
            List<LanHarPretraining.StepLoss> losses = new LanHarPretraining(m).textStage(labels, 3, 0, null);
            // 5 rounds × 2 batches (10 + 2) per epoch
            assertThat(losses).hasSize(30);
            double first = (losses.get(0).loss() + losses.get(1).loss()) / 2;
            double last = (losses.get(28).loss() + losses.get(29).loss()) / 2;
            assertThat(last).isLessThan(first * 0.8);
            assertThat(m.prototypes(List.of("walking"))[0]).isNotEqualTo(before[0]);
        }
    }
}
