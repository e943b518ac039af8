package io.tsfm.benchmark.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tsfm.benchmark.finetune.FineTuneRecipe.LabelEmbeddings.FROZEN;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.benchmark.finetune.FineTuneRecipe.LabelEmbeddings;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineTuneRecipeTest {

    @Test
    void theReferenceRecipeDeviatesInNothing() {
        assertThat(FineTuneRecipe.REFERENCE.deviations()).isEmpty();
        assertThat(new FineTuneRecipe(List.of(1e-5), 20, 5, FROZEN, 1, 0).deviations()).isEmpty();
    }

    @Test
    void eachDifferenceFromTheReferenceIsOneSentenceNamingItsFlag() {
        List<String> d = new FineTuneRecipe(List.of(1e-4, 1e-3), 60, 15, LabelEmbeddings.LEARNABLE, 1, 0)
                .deviations();
        assertThat(d).hasSize(3);
        assertThat(d.get(0)).contains("--fine-tune-lr").contains("[1.0E-4, 0.001]").contains("validation");
        assertThat(d.get(1)).contains("at most 60 epochs with patience 15").contains("--fine-tune-epochs");
        assertThat(d.get(2)).contains("--fine-tune-labels learnable");
        assertThat(new FineTuneRecipe(List.of(1e-3), 20, 5, FROZEN, 1, 0).deviations())
                .containsExactly("TSFM fine-tuning used AdamW learning rate 0.001 (--fine-tune-lr), not the "
                        + "reference's 1.0E-5.");
    }

    @Test
    void refusesSettingsOutOfRangeNamingThem() {
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(), 20, 5, FROZEN, 1, 0))
                .hasMessageContaining("--fine-tune-lr: no learning rate given");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-3, 1e-3), 20, 5, FROZEN, 1, 0))
                .hasMessageContaining("--fine-tune-lr lists a rate twice");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(-1.0), 20, 5, FROZEN, 1, 0))
                .hasMessageContaining("--fine-tune-lr must be > 0, got -1.0");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-3), 0, 5, FROZEN, 1, 0))
                .hasMessageContaining("--fine-tune-epochs must be >= 1, got 0");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-3), 20, 0, FROZEN, 1, 0))
                .hasMessageContaining("--fine-tune-patience must be >= 1, got 0");
    }

    @Test
    void labelEmbeddingsParseTheirFlagSpellingOnly() {
        assertThat(LabelEmbeddings.parse("learnable", "--fine-tune-labels")).isEqualTo(LabelEmbeddings.LEARNABLE);
        assertThat(LabelEmbeddings.parse("frozen", "--fine-tune-labels")).isEqualTo(LabelEmbeddings.FROZEN);
        assertThatThrownBy(() -> LabelEmbeddings.parse("LEARN", "--fine-tune-labels"))
                .hasMessage("--fine-tune-labels must be frozen or learnable, got 'LEARN'");
    }

    @Test
    void severalSeedsAtTheChosenRateAreADeviationNamingTheirFlag() {
        FineTuneRecipe seeds = new FineTuneRecipe(List.of(1e-5), 20, 5, FROZEN, 3, 0);
        assertThat(seeds.deviations()).singleElement().asString()
                .isEqualTo("TSFM fine-tuning ran 3 times at the learning rate (seeds 42 to 44, each early-stopped on "
                        + "the split's validation part) and predicted with the mean of their class probabilities "
                        + "(--fine-tune-seeds 3); the reference fine-tunes once. Validation accuracies are in "
                        + "fine-tune/selection.json.");
        assertThat(new FineTuneRecipe(List.of(1e-5, 1e-3), 20, 5, FROZEN, 2, 0).deviations().get(1))
                .contains("ran 2 times at the chosen learning rate (seeds 42 to 43");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-3), 20, 5, FROZEN, 0, 0))
                .hasMessage("--fine-tune-seeds must be >= 1, got 0");
    }

    @Test
    void labelSmoothingIsADeviationAndMustBeBelowOne() {
        assertThat(new FineTuneRecipe(List.of(1e-5), 20, 5, FROZEN, 1, 0.1).deviations()).containsExactly(
                "TSFM fine-tuning's cross-entropy target was smoothed by 0.1 (--fine-tune-label-smoothing); the "
                        + "reference's is one-hot.");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-5), 20, 5, FROZEN, 1, 1.0))
                .hasMessage("--fine-tune-label-smoothing must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new FineTuneRecipe(List.of(1e-5), 20, 5, FROZEN, 1, -0.1))
                .hasMessage("--fine-tune-label-smoothing must be in [0, 1), got -0.1");
    }
}
