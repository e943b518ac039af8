package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Checks shared by every seed reader registered on the class path. */
class SeedFactsReadersTest {
    private static List<SeedFactsReader> seedReaders() {
        List<SeedFactsReader> out = new ArrayList<>();
        for (DatasetReader r : DatasetCatalog.load().readers()) {
            if (r instanceof SeedFactsReader) out.add((SeedFactsReader) r);
        }
        return out;
    }

    @Test
    void theEightSeedReadersAreRegistered() {
        assertThat(seedReaders()).extracting(DatasetReader::name)
                .contains("dsads", "hhar", "kuhar", "mhealth", "pamap2", "uci_har", "unimib_shar", "wisdm");
    }

    @Test
    void everySeedReadersLabelsResolveInTheDefaultVocabulary() {
        LabelVocabulary vocab = LabelVocabulary.defaults();
        for (SeedFactsReader r : seedReaders()) {
            assertThat(r.labels()).as(r.name()).isNotEmpty();
            for (String label : r.labels()) {
                assertThat(vocab.findGroup(label)).as(r.name() + " label " + label).isPresent();
            }
        }
    }

    @Test
    void infoCarriesTheReferenceDescriptionAndAWayToGetTheData() {
        for (SeedFactsReader r : seedReaders()) {
            assertThat(r.info().role()).as(r.name()).isEqualTo(DatasetRole.TRAIN);
            assertThat(r.info().description()).as(r.name()).isEqualTo(r.facts().description());
            assertThat(r.info().downloadHint()).as(r.name()).contains("http").contains(r.name() + ".zip")
                    .contains(r.name() + "/");
            assertThat(r.info().citation()).as(r.name()).isNotBlank();
        }
    }

    @Test
    void factsAreVerbatimCopiesOfTheReference() throws IOException {
        Path ref = DataRoot.resolve().path().resolveSibling("reference").resolve("datasets.json");
        Assumptions.assumeTrue(Files.isRegularFile(ref), "reference datasets.json not beside the data root");
        JsonNode all = new ObjectMapper().readTree(ref.toFile()).get("datasets");
        for (SeedFactsReader r : seedReaders()) {
            JsonNode d = all.get(r.name());
            assertThat(d).as(r.name()).isNotNull();
            SeedFacts f = r.facts();
            assertThat(f.description()).as(r.name()).isEqualTo(d.get("dataset_description").asText());
            List<String> acts = new ArrayList<>();
            d.get("activities").forEach(a -> acts.add(a.asText()));
            assertThat(f.activities()).as(r.name()).isEqualTo(acts);
            Map<String, String> ch = new java.util.LinkedHashMap<>();
            d.get("channels").forEach(c -> ch.put(c.get("name").asText(), c.get("description").asText()));
            assertThat(f.channelDescriptions()).as(r.name()).isEqualTo(ch);
        }
    }

    @Test
    void readersUseEveryReferenceChannelInTheReferenceOrder() {
        for (SeedFactsReader r : seedReaders()) {
            assertThat(r.channels()).as(r.name()).extracting(c -> c.name())
                    .isEqualTo(new ArrayList<>(r.facts().channelDescriptions().keySet()));
            assertThat(r.channels()).as(r.name()).allSatisfy(c ->
                    assertThat(c.description()).isEqualTo(r.facts().channelDescriptions().get(c.name())));
        }
    }
}
