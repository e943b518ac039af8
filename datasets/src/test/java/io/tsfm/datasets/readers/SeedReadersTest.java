package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Properties every seed reader shares: registration, labels, descriptions and units against the reference. */
class SeedReadersTest {
    /** Each seed reader with its channel layout. */
    private static final Map<SeedReader, List<ChannelSpec>> READERS = new LinkedHashMap<>();

    static {
        READERS.put(new RecGymReader(), RecGymReader.CHANNELS);
        READERS.put(new MotionSenseReader(), MotionSenseReader.CHANNELS);
        READERS.put(new RealWorldReader(), RealWorldReader.CHANNELS);
        READERS.put(new MobiActReader(), MobiActReader.CHANNELS);
        READERS.put(new ShoaibReader(), ShoaibReader.CHANNELS);
        READERS.put(new OpportunityReader(), OpportunityReader.CHANNELS);
        READERS.put(new HarthReader(), HarthReader.CHANNELS);
        READERS.put(new VttConIotReader(), VttConIotReader.CHANNELS);
    }

    /**
     * Where a reader's labels knowingly differ from the reference's activity list: MobiAct v2 has codes the
     * reference's MobiFall data lacked; HARTH has no transport codes in its published annotation.
     */
    private static final Map<String, Set<String>> EXTRA = Map.of(
            "mobiact", Set.of("sitting", "lying", "standing_up_from_sitting"));
    private static final Map<String, Set<String>> ABSENT = Map.of(
            "harth", Set.of("transport_sit", "transport_stand"));

    @Test
    void allAreRegisteredWithTheirRoleAndADownloadHint() {
        DatasetCatalog catalog = DatasetCatalog.load();
        for (SeedReader r : READERS.keySet()) {
            DatasetReader found = catalog.get(r.name());
            assertThat(found).isInstanceOf(r.getClass());
            assertThat(r.info().role()).isEqualTo(r.name().equals("recgym") ? DatasetRole.TRAIN : DatasetRole.ZERO_SHOT);
            assertThat(r.info().downloadHint()).contains("http", r.name() + ".zip", r.name() + "/");
            assertThat(r.info().licence()).isNotBlank();
            assertThat(r.info().citation()).isNotBlank();
        }
    }

    @Test
    void everyLabelResolvesInTheDefaultVocabulary() {
        LabelVocabulary vocabulary = LabelVocabulary.defaults();
        List<String> unresolved = new ArrayList<>();
        for (SeedReader r : READERS.keySet()) {
            assertThat(r.labels()).as(r.name()).isNotEmpty().isSorted().doesNotHaveDuplicates();
            for (String label : r.labels()) {
                if (!vocabulary.contains(label)) unresolved.add(r.name() + ": " + label);
            }
        }
        assertThat(unresolved).isEmpty();
    }

    @Test
    void channelUnitsConvertAndMatchTheManifestSourceUnits() {
        for (Map.Entry<SeedReader, List<ChannelSpec>> e : READERS.entrySet()) {
            for (ChannelSpec c : e.getValue()) {
                assertThat(c.factor()).as(c.name()).isPositive();
                if (c.kind() != SensorKind.OTHER) {
                    assertThat(e.getKey().sourceUnits()).as(e.getKey().name() + " " + c.name())
                            .containsEntry(c.kind(), c.sourceUnit());
                    assertThat(c.channel().unit()).isEqualTo(c.kind().canonicalUnit());
                }
            }
            for (Map.Entry<SensorKind, String> u : e.getKey().sourceUnits().entrySet()) {
                assertThat(Units.toCanonical(u.getKey(), u.getValue())).isPositive();
            }
        }
    }

    @Test
    void labelsDescriptionsAndChannelsAreTheReferences() throws Exception {
        Path json = DataRoot.resolve().path().resolveSibling("reference").resolve("datasets.json");
        assumeTrue(Files.isRegularFile(json), "reference facts not present at " + json);
        JsonNode datasets = new ObjectMapper().readTree(json.toFile()).get("datasets");
        for (Map.Entry<SeedReader, List<ChannelSpec>> e : READERS.entrySet()) {
            SeedReader r = e.getKey();
            JsonNode ref = datasets.get(r.name());
            assertThat(ref).as(r.name()).isNotNull();
            assertThat(r.info().description()).isEqualTo(ref.get("dataset_description").asText());
            assertThat(r.info().displayName()).isEqualTo(ref.get("display_name").asText());

            Set<String> expected = new TreeSet<>();
            ref.get("activities").forEach(a -> expected.add(a.asText()));
            expected.removeAll(ABSENT.getOrDefault(r.name(), Set.of()));
            expected.addAll(EXTRA.getOrDefault(r.name(), Set.of()));
            assertThat(r.labels()).as(r.name()).containsExactlyElementsOf(expected);

            Map<String, String> refChannels = new LinkedHashMap<>();
            ref.get("channels").forEach(c -> refChannels.put(c.get("name").asText(), c.get("description").asText()));
            Map<String, String> ours = new LinkedHashMap<>();
            for (ChannelSpec c : e.getValue()) ours.put(c.name(), c.description());
            assertThat(ours).as(r.name()).containsExactlyEntriesOf(refChannels);
        }
    }
}
