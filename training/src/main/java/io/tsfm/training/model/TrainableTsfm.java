package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.loss.SoftTargetInfoNce;
import io.tsfm.training.model.text.LearnableLabelBank;

/**
 * Everything TSFM trains, as one DJL block so one optimizer, one {@code saveParameters} and one parameter count cover
 * it (spec §3.10 "trainable total"): children {@code model} ({@link TsfmModel}), {@code label_bank}
 * ({@link LearnableLabelBank}) and {@code contrastive_loss} ({@link SoftTargetInfoNce}, holding {@code logit_scale}).
 *
 * <p>Forward inputs: the {@link TsfmInputs} arrays (6, or 3 without ChannelTextFusion) followed by the unique label
 * strings' {@code label_tokens (L, K, E)} float32 and {@code label_token_mask (L, K)} boolean. Output NDList:
 * {@code imu} ({@code (B, P, E)} or {@code (B, E)}) and {@code labels (L, E)}, both unit rows. The loss is not part of
 * the forward; call {@link #getLoss()} with rows flattened by {@code PatchFlattening} and gathered labels.
 * Not thread-safe for initialisation.
 */
public final class TrainableTsfm extends AbstractBlock {

    private final TsfmConfig config;
    private final TsfmModel model;
    private final LearnableLabelBank labelBank;
    private final SoftTargetInfoNce loss;

    /** Builds all trainable parts of a configuration, with the spec's default loss options. */
    public TrainableTsfm(TsfmConfig config) {
        this(config, SoftTargetInfoNce.builder().build());
    }

    /** Builds all trainable parts with a custom-configured loss block. */
    public TrainableTsfm(TsfmConfig config, SoftTargetInfoNce loss) {
        this.config = config;
        model = addChildBlock("model", new TsfmModel(config));
        labelBank = addChildBlock("label_bank", new LearnableLabelBank(config));
        this.loss = addChildBlock("contrastive_loss", loss);
    }

    /** The configuration. */
    public TsfmConfig getConfig() {
        return config;
    }

    /** The IMU tower. */
    public TsfmModel getModel() {
        return model;
    }

    /** The learnable label bank. */
    public LearnableLabelBank getLabelBank() {
        return labelBank;
    }

    /** The contrastive loss with its learnable logit scale. */
    public SoftTargetInfoNce getLoss() {
        return loss;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        int modelInputs = inputs.size() - 2;
        if (!TsfmInputs.isInputCount(modelInputs)) {
            throw new IllegalArgumentException("TrainableTsfm expects the model inputs then label_tokens and "
                    + "label_token_mask, got " + inputs.size() + " arrays");
        }
        NDArray imu = model.apply(ps, TsfmInputs.from(inputs.subNDList(0, modelInputs)), training);
        NDArray labels = labelBank.apply(ps, inputs.get(modelInputs), inputs.get(modelInputs + 1), training);
        return new NDList(imu, labels);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int modelInputs = inputShapes.length - 2;
        Shape[] modelShapes = new Shape[modelInputs];
        System.arraycopy(inputShapes, 0, modelShapes, 0, modelInputs);
        return new Shape[] {model.getOutputShapes(modelShapes)[0],
            new Shape(inputShapes[modelInputs].get(0), config.getSemanticDim())};
    }

    /** Allocates all parameters using nominal input shapes. */
    public void initialize(NDManager manager, DataType dataType) {
        Shape[] m = TsfmModel.nominalInputShapes(config);
        Shape[] all = new Shape[m.length + 2];
        System.arraycopy(m, 0, all, 0, m.length);
        all[m.length] = new Shape(1, 1, config.getSemanticDim());
        all[m.length + 1] = new Shape(1, 1);
        initialize(manager, dataType, all);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int modelInputs = inputShapes.length - 2;
        Shape[] modelShapes = new Shape[modelInputs];
        System.arraycopy(inputShapes, 0, modelShapes, 0, modelInputs);
        model.initialize(manager, dataType, modelShapes);
        labelBank.initialize(manager, dataType, inputShapes[modelInputs], inputShapes[modelInputs + 1]);
        Shape rows = new Shape(1, config.getSemanticDim());
        loss.initialize(manager, dataType, rows, rows, rows);
    }
}
