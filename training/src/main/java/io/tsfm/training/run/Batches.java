package io.tsfm.training.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tsfm.core.preprocess.PatchBatch;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.model.TsfmInputs;
import io.tsfm.training.text.TextBank;

/** Turns a {@link TrainingBatch} of plain arrays into model inputs on a device. Stateless, thread-safe. */
public final class Batches {
    private Batches() {}

    /** The model inputs of a batch, on {@code device}, channel token states from {@code text}. */
    public static TsfmInputs inputs(NDManager m, TrainingBatch b, TextBank text, ai.djl.Device device) {
        PatchBatch p = b.patches();
        NDArray patches = m.create(p.patches(), new Shape(p.patchesShape())).toDevice(device, false);
        NDArray patchMask = m.create(p.patchMask(), new Shape(p.batchSize(), p.maxPatches())).toDevice(device, false);
        NDArray channelMask = m.create(p.channelMask(), new Shape(p.batchSize(), p.maxChannels())).toDevice(device, false);
        NDList tok = text.tokens(m, b.channelStrings());
        NDArray index = m.create(b.channelIndex(), new Shape(p.batchSize(), p.maxChannels())).toDevice(device, false);
        NDArray stats = m.create(p.patchStats(), new Shape(p.patchStatsShape())).toDevice(device, false);
        return TsfmInputs.of(patches, patchMask, channelMask, tok.get(0).toDevice(device, false),
                tok.get(1).toDevice(device, false), index).withPatchStats(stats);
    }

    /** Session embeddings {@code (B,E)}: per-patch outputs averaged over real patches and re-normalised. */
    public static NDArray sessionEmbeddings(NDArray out, NDArray patchMask) {
        if (out.getShape().dimension() == 2) return out;
        NDArray w = patchMask.toType(out.getDataType(), false).expandDims(2);
        NDArray mean = out.mul(w).sum(new int[] {1}).div(w.sum(new int[] {1}));
        return mean.div(mean.norm(new int[] {1}, true).maximum(1e-12f));
    }
}
