package io.tsfm.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelTextAugmenterTest {
    private final LabelTextAugmenter aug = LabelTextAugmenter.defaults();

    @Test
    void augmentsAboutEightyPercentAndStaysInsideThePrecomputedSet() {
        Random rng = new Random(1);
        Set<String> all = aug.allTexts("hapt", List.of("walking_upstairs"));
        int raw = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String t = aug.augment("hapt", "walking_upstairs", rng);
            assertThat(all).contains(t);
            if (t.equals("walking_upstairs")) raw++;
            seen.add(t);
        }
        assertThat(raw / 5000.0).isBetween(0.17, 0.23);
        assertThat(seen).contains("person climbing stairs");
    }

    @Test
    void everyTrainingDatasetLabelHasSynonyms() {
        for (String l : List.of("brush_teeth", "walk", "pour_water")) {
            assertThat(aug.allTexts("hmp", List.of(l)).size()).as(l).isGreaterThan(5);
        }
        assertThat(aug.allTexts("utd_mhad", List.of("tennis_serve"))).contains("person tennis serve");
    }

    @Test
    void unknownDatasetUsesFallbackTemplates() {
        assertThat(aug.allTexts("my_own", List.of("mopping_floor"))).contains("person mopping floor", "mopping_floor");
    }
}
