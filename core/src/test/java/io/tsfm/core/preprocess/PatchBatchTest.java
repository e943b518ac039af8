package io.tsfm.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatchBatchTest {
    @Test
    void padsToTheBatchMaximaWithMasks() {
        Random rnd = new Random(11);
        Patcher patcher = new Patcher();
        PatchedWindow a = patcher.patch(PatcherTest.randomWindow(rnd, 3, 300), 50, 1.0);   // 6 × 3
        PatchedWindow b = patcher.patch(PatcherTest.randomWindow(rnd, 9, 130), 50, 1.25);  // 2 × 9
        PatchedWindow c = patcher.patch(PatcherTest.randomWindow(rnd, 6, 200), 20, 1.5);   // 6 × 6 (n=30)
        List<List<String>> desc = List.of(names("a", 3), names("b", 9), names("c", 6));
        PatchBatch batch = PatchBatch.collate(List.of(a, b, c), desc);

        assertThat(batch.batchSize()).isEqualTo(3);
        assertThat(batch.maxPatches()).isEqualTo(6);
        assertThat(batch.maxChannels()).isEqualTo(9);
        assertThat(batch.patchesShape()).containsExactly(3, 6, 64, 9);
        assertThat(batch.patches()).hasSize(3 * 6 * 64 * 9);
        assertThat(batch.patchMask()).containsExactly(
                true, true, true, true, true, true,
                true, true, false, false, false, false,
                true, true, true, true, true, true);
        assertThat(batch.channelMask()).containsExactly(
                true, true, true, false, false, false, false, false, false,
                true, true, true, true, true, true, true, true, true,
                true, true, true, true, true, true, false, false, false);

        PatchedWindow[] ws = {a, b, c};
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 6; p++) {
                for (int s = 0; s < 64; s++) {
                    for (int ch = 0; ch < 9; ch++) {
                        boolean real = p < ws[i].numPatches() && ch < ws[i].numChannels();
                        assertThat(batch.isRealPatch(i, p) && batch.isRealChannel(i, ch)).isEqualTo(real);
                        float want = real ? ws[i].get(p, s, ch) : 0f;
                        assertThat(batch.get(i, p, s, ch)).isEqualTo(want);
                    }
                }
            }
        }
        assertThat(batch.channelDescriptions().get(0)).containsExactly(
                "a0", "a1", "a2", "[PAD]", "[PAD]", "[PAD]", "[PAD]", "[PAD]", "[PAD]");
        assertThat(batch.channelDescriptions().get(1)).isEqualTo(names("b", 9));
        assertThat(batch.channelDescriptions().get(2)).endsWith("c5", "[PAD]", "[PAD]", "[PAD]");
    }

    @Test
    void withoutDescriptionsTheListIsEmpty() {
        PatchedWindow a = new Patcher().patch(PatcherTest.randomWindow(new Random(12), 3, 100), 50, 1.0);
        PatchBatch batch = PatchBatch.collate(List.of(a));
        assertThat(batch.channelDescriptions()).isEmpty();
        assertThat(batch.patches()).containsExactly(a.data());
    }

    @Test
    void mismatchesAreErrors() {
        PatchedWindow a = new Patcher().patch(PatcherTest.randomWindow(new Random(13), 3, 100), 50, 1.0);
        assertThatThrownBy(() -> PatchBatch.collate(List.of())).hasMessageContaining("empty batch");
        assertThatThrownBy(() -> PatchBatch.collate(List.of(a), List.of(names("x", 2))))
                .hasMessageContaining("batch item 0: 3 channels but 2");
        assertThatThrownBy(() -> PatchBatch.collate(List.of(a, a), List.of(names("x", 3))))
                .hasMessageContaining("2 windows but 1");
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(prefix + i);
        return out;
    }
}
