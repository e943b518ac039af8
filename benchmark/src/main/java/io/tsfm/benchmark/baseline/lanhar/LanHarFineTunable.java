package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import io.tsfm.benchmark.baseline.neural.FineTunable;
import java.util.List;

/**
 * LanHAR's supervised head (spec §6.6): the whole sensor side is trained; the logits are the cosines of a window's
 * embedding to the frozen text prototypes of the dataset's labels, divided by 0.07 (the fixed temperature of the
 * protocol's fine-tuning, §6.5). The prototypes are constants, not parameters, so the "head" has nothing to train.
 * Inputs must already be prepared ({@link LanHarModel#input}). Not thread-safe.
 */
public final class LanHarFineTunable implements FineTunable {
    /** The protocol's fixed fine-tuning temperature. */
    static final float TEMPERATURE = 0.07f;

    private final LanHarModel model;
    private final NDArray prototypes;
    private final Block head = new LambdaBlock(x -> x, "frozen_prototypes");

    /** The fine-tunable view of {@code model} over {@code labels} (prototypes computed now, then frozen). */
    public LanHarFineTunable(LanHarModel model, List<String> labels) {
        this.model = model;
        float[][] p = model.prototypes(labels);
        float[] flat = new float[p.length * p[0].length];
        for (int i = 0; i < p.length; i++) System.arraycopy(p[i], 0, flat, i * p[0].length, p[0].length);
        this.prototypes = model.manager().create(flat, new Shape(p.length, p[0].length));
        head.initialize(model.manager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, p[0].length));
    }

    @Override
    public Block encoder() {
        return model.net().sensorEncoder();
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray input, boolean training) {
        NDArray e = LanHarModel.normalize(model.net().sensorEncoder().apply(ps, input, training));
        return e.matMul(prototypes.transpose(1, 0)).div(TEMPERATURE);
    }
}
