package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrainingCorpusTest {

    /** HuGaDB drops clipped gyroscopes per file, so one subject's sessions differ in channels: still a corpus. */
    @Test
    void aDatasetWhoseSubjectsMixChannelLayoutsIsWindowedPerLayout() throws Exception {
        DataRoot root = DataRoot.resolve();
        Assumptions.assumeTrue(root.locate("hugadb").isPresent(), "hugadb not under " + root);
        Dataset hugadb = DatasetCatalog.load(root).read("hugadb", root);
        Set<String> mixed = hugadb.sessions().stream().collect(Collectors.groupingBy(Session::subject,
                        Collectors.mapping(s -> s.channels().size(), Collectors.toSet())))
                .entrySet().stream().filter(e -> e.getValue().size() > 1).map(e -> e.getKey())
                .collect(Collectors.toSet());
        assertThat(mixed).isNotEmpty();
        TrainingCorpus corpus = TrainingCorpus.of(List.of(hugadb));
        assertThat(corpus.windows()).hasSizeGreaterThan(500);
        for (TrainingCorpus.Window w : corpus.windows()) {
            assertThat(w.input()).hasNumberOfRows(120);
            assertThat(w.input()[0]).hasSize(6);
        }
        // a mixed subject's windows carry its layout in the device part of the key; the others keep their id
        assertThat(corpus.windows()).anyMatch(w -> w.key().device().contains("~"));
        assertThat(corpus.windows()).anyMatch(w -> !w.key().device().contains("~"));
        // a dataset of one layout per subject is windowed as before, unchanged
        Dataset same = TrainingCorpus.oneLayoutPerSubject(DatasetCatalog.load(root).read("hmp", root));
        assertThat(same.sessions()).allMatch(s -> !s.subject().contains("~"));
    }
}
