package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderCatalogTest {

    @Test
    void theReadersAreRegisteredWithTheirRoles() {
        DatasetCatalog c = DatasetCatalog.load();
        assertThat(c.get("hapt")).isInstanceOf(HaptReader.class);
        assertThat(c.get("hmp")).isInstanceOf(HmpReader.class);
        assertThat(c.get("utd_mhad")).isInstanceOf(UtdMhadReader.class);
        assertThat(c.get("mobifall_v2")).isInstanceOf(MobiFallReader.class);
        assertThat(c.get("basicmotions")).isInstanceOf(BasicMotionsReader.class);
        assertThat(c.get("racketsports")).isInstanceOf(RacketSportsReader.class);
        assertThat(c.get("weda_fall")).isInstanceOf(WedaFallReader.class);
        assertThat(c.get("hugadb")).isInstanceOf(HugadbReader.class);
        for (String n : List.of("hapt", "hmp", "utd_mhad", "weda_fall", "hugadb")) {
            assertThat(c.get(n).info().role()).as(n).isEqualTo(DatasetRole.TRAIN);
        }
        for (String n : List.of("mobifall_v2", "basicmotions", "racketsports")) {
            assertThat(c.get(n).info().role()).as(n).isEqualTo(DatasetRole.ZERO_SHOT);
        }
        for (DatasetReader r : c.readers()) {
            // a 2-3 sentence model input, not a placeholder
            assertThat(r.info().description().split("\\. ")).as(r.name()).hasSizeBetween(2, 4);
            assertThat(r.info().downloadHint()).as(r.name()).contains(r.name());
        }
    }

    @Test
    void everyLabelAReaderCanEmitIsInTheVocabulary() {
        LabelVocabulary v = LabelVocabulary.defaults();
        List<String> all = new java.util.ArrayList<>();
        all.addAll(HmpReader.LABELS);
        all.addAll(UtdMhadReader.WRIST_LABELS);
        all.addAll(UtdMhadReader.THIGH_LABELS);
        all.addAll(MobiFallReader.LABELS.values());
        all.addAll(new BasicMotionsReader().labels().values());
        all.addAll(new RacketSportsReader().labels().values());
        all.addAll(WedaFallReader.LABELS.values());
        all.addAll(HugadbReader.LABELS.values());
        all.addAll(List.of("walking", "walking_upstairs", "walking_downstairs", "sitting", "standing", "lying",
                "stand_to_sit", "sit_to_stand", "sit_to_lie", "lie_to_sit", "stand_to_lie", "lie_to_stand"));
        assertThat(all).allSatisfy(l -> assertThat(v.contains(l)).as(l).isTrue());
    }
}
