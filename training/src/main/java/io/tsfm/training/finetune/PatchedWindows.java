package io.tsfm.training.finetune;

import io.tsfm.core.preprocess.PatchBatch;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.training.data.TrainingBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows patch-tokenised once by core's {@link Patcher} (fine-tuning uses no augmentation, so every epoch sees the
 * same patches), assembled into {@link TrainingBatch}es of any subset. Immutable after construction; thread-safe.
 */
final class PatchedWindows {
    private final List<SensorWindow> windows;
    private final List<PatchedWindow> patched;

    /**
     * @throws IllegalArgumentException naming the window when one cannot be patched (too short, bad rate, ragged)
     */
    PatchedWindows(List<SensorWindow> windows, Patcher patcher, double patchSeconds) {
        this.windows = List.copyOf(windows);
        this.patched = new ArrayList<>(windows.size());
        for (SensorWindow w : this.windows) {
            if (w.channelDescriptions().size() != w.samples().length) {
                throw new IllegalArgumentException("window " + w.id() + ": " + w.samples().length + " channels but "
                        + w.channelDescriptions().size() + " channel descriptions");
            }
            try {
                patched.add(patcher.patch(w.samples(), w.rateHz(), patchSeconds));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("window " + w.id() + ": " + e.getMessage(), e);
            }
        }
    }

    int size() {
        return windows.size();
    }

    /** The channel descriptions of every window, so their token states can be computed once. */
    List<String> allDescriptions() {
        List<String> out = new ArrayList<>();
        for (SensorWindow w : windows) out.addAll(w.channelDescriptions());
        return out;
    }

    /**
     * The windows {@code items} as a batch; {@code labels} names each window's class (only carried along, the loss
     * reads its own indices).
     */
    TrainingBatch batch(int[] items, List<String> labels) {
        List<PatchedWindow> ps = new ArrayList<>(items.length);
        List<List<String>> descriptions = new ArrayList<>(items.length);
        List<String> ids = new ArrayList<>(items.length);
        List<String> raw = new ArrayList<>(items.length);
        for (int i : items) {
            ps.add(patched.get(i));
            descriptions.add(windows.get(i).channelDescriptions());
            ids.add(windows.get(i).id());
            raw.add(labels == null ? "" : labels.get(i));
        }
        return TrainingBatch.of(PatchBatch.collate(ps, descriptions), List.of(), new long[items.length], raw, raw, ids);
    }
}
