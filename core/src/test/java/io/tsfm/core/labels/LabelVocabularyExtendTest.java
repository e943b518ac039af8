package io.tsfm.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dataset's declared synonym groups extend the shipped vocabulary without moving any of its labels. */
class LabelVocabularyExtendTest {
    private final LabelVocabulary defaults = LabelVocabulary.defaults();

    @Test
    void aKnownGroupNameExtendsThatGroupAndANewNameMakesANewGroup() {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        declared.put("walking", List.of("walk_fast", "walking"));
        declared.put("turning", List.of("turning", "turn_around"));

        LabelVocabulary v = defaults.extend(declared);

        assertThat(v.groupOf("walk_fast")).isEqualTo("walking");
        assertThat(v.groupOf("nordic_walking")).isEqualTo("walking");
        assertThat(v.groups().get("walking")).endsWith("walk_fast").hasSize(defaults.groups().get("walking").size() + 1);
        assertThat(v.groups().get("turning")).containsExactly("turning", "turn_around");
        assertThat(v.groupOf("jogging")).isEqualTo(defaults.groupOf("jogging"));
        assertThat(v.hash()).isNotEqualTo(defaults.hash());
        assertThat(defaults.contains("walk_fast")).as("the shipped vocabulary is unchanged").isFalse();
        assertThat(defaults.extend(Map.of())).isSameAs(defaults);
    }

    @Test
    void aLabelInTwoGroupsOrMovedOutOfItsGroupIsRefused() {
        assertThatThrownBy(() -> defaults.extend(Map.of("turning", List.of("walking"))))
                .hasMessageContaining("'walking' is already in the built-in group 'walking'");
        Map<String, List<String>> twice = new LinkedHashMap<>();
        twice.put("turning", List.of("spin"));
        twice.put("rotating", List.of("spin"));
        assertThatThrownBy(() -> defaults.extend(twice)).hasMessageContaining("'spin' is in two groups: 'turning' and 'rotating'");
    }
}
