package io.tsfm.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batches from real sessions of different rates (50 Hz, 32 Hz) and channel counts (6, 3). */
class BatchAssemblerTest {
    private static Dataset hapt;
    private static Dataset hmp;

    @BeforeAll
    static void read() throws Exception {
        DatasetCatalog c = DatasetCatalog.load();
        hapt = c.read("hapt", DataRoot.resolve());
        hmp = c.read("hmp", DataRoot.resolve());
    }

    private static BatchAssembler assembler(List<Session> sessions) {
        return new BatchAssembler(sessions, Map.of("hapt", hapt.manifest().description(), "hmp", hmp.manifest().description()),
                LabelVocabulary.defaults(), LabelTextAugmenter.defaults(), new Patcher(), 12, 3);
    }

    @Test
    void mixedRatesAndChannelCountsCollateWithMasksAndPadDescriptions() {
        List<Session> sessions = List.of(hapt.sessions().get(0), hmp.sessions().get(0), hapt.sessions().get(5));
        TrainingBatch b = assembler(sessions).assemble(new int[] {0, 1, 2}, false, new Random(1));
        var p = b.patches();
        assertThat(p.maxChannels()).isEqualTo(6);
        // hmp row: 3 real channels, 3 padded described as [PAD]
        assertThat(p.isRealChannel(1, 2)).isTrue();
        assertThat(p.isRealChannel(1, 3)).isFalse();
        assertThat(b.channelStrings().get((int) b.channelIndex()[1 * 6 + 4])).isEqualTo(ChannelDescriptions.PAD);
        assertThat(b.channelStrings().get((int) b.channelIndex()[0])).contains("(sampled at 50Hz, 1.2s window)");
        assertThat(b.channelStrings().get((int) b.channelIndex()[6])).contains("(sampled at 32Hz, 1.5s window)");
        // patch counts follow each session's rate and length: n = floor(rate * p) samples per patch
        for (int row = 0; row < 3; row++) {
            Session s = sessions.get(row);
            double patch = PatchSizes.forDataset(s.dataset()).defaultSeconds();
            int n = Patcher.samplesPerPatch(s.rateHz(), patch);
            int len = Math.min(s.length(), (int) Math.floor(12 * s.rateHz()));
            int expected = Math.min(48, (len - n) / n + 1);
            int real = 0;
            for (int q = 0; q < p.maxPatches(); q++) real += p.isRealPatch(row, q) ? 1 : 0;
            assertThat(real).as("patches of row %d", row).isEqualTo(expected);
        }
        assertThat(b.rawLabels()).containsExactly(sessions.get(0).label(), sessions.get(1).label(), sessions.get(2).label());
        assertThat(b.labelTexts()).doesNotHaveDuplicates();
    }

    @Test
    void trainingBatchesCropAugmentAndStayInsideThePrecomputedTexts() {
        List<Session> sessions = new ArrayList<>(hapt.sessions().subList(0, 200));
        BatchAssembler a = assembler(sessions);
        Set<String> known = a.allTexts();
        Random rng = new Random(3);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int[] items = new int[16];
            for (int j = 0; j < 16; j++) items[j] = rng.nextInt(sessions.size());
            TrainingBatch b = a.assemble(items, true, rng);
            assertThat(known).containsAll(b.labelTexts());
            labels.addAll(b.labelTexts());
            for (int row = 0; row < 16; row++) {
                int real = 0;
                for (int q = 0; q < b.patches().maxPatches(); q++) real += b.patches().isRealPatch(row, q) ? 1 : 0;
                assertThat(real).isBetween(1, 16); // at most 12 s of 0.75 s patches
            }
        }
        assertThat(labels.size()).as("augmented label texts").isGreaterThan(20);
    }

    @Test
    void unknownLabelsAndDatasetsAreRefused() {
        Session s = hapt.sessions().get(0);
        Session odd = new Session("x", "hapt", "1", "moonwalking", 50, s.channels(), s.samples(), "test");
        assertThatThrownBy(() -> assembler(List.of(odd))).hasMessageContaining("'moonwalking' is not in the vocabulary");
        assertThatThrownBy(() -> new BatchAssembler(List.of(s), Map.of(), LabelVocabulary.defaults(),
                LabelTextAugmenter.defaults(), new Patcher(), 12, 3)).hasMessageContaining("no description for dataset 'hapt'");
    }

    @Test
    void subjectSplitHoldsOutWholeSubjects() {
        List<Session> all = new ArrayList<>(hapt.sessions());
        all.addAll(hmp.sessions());
        SubjectSplit split = SubjectSplit.of(all, 0.2, 42);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(all.size());
        Set<String> trainSubjects = new HashSet<>();
        split.train().forEach(s -> trainSubjects.add(s.dataset() + "/" + s.subject()));
        split.validation().forEach(s -> assertThat(trainSubjects).doesNotContain(s.dataset() + "/" + s.subject()));
        assertThat(split.heldOutSubjects().get("hapt")).hasSize(6); // ceil(0.2 * 30)
        assertThat(SubjectSplit.of(all, 0.2, 42).heldOutSubjects()).isEqualTo(split.heldOutSubjects());
    }
}
