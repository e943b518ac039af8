package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.model.layers.Inits;

/**
 * Everything LanHAR trains, as one DJL block (one {@code saveParameters} file): children {@code text_adapter}
 * ({@link TextAdapter}), {@code sensor_encoder} ({@link SensorEncoder}) and the CLIP {@code logit_scale}
 * (initialised to ln(1/0.07), as CLIP). The forward embeds sensor windows; the text side is reached through
 * {@link #textAdapter()}. Not thread-safe for initialisation.
 */
public final class LanHarNet extends AbstractBlock {
    /** MiniLM's token width. */
    public static final int TOKEN_DIM = 384;

    private final LanHarConfig config;
    private final TextAdapter textAdapter;
    private final SensorEncoder sensorEncoder;
    private final Parameter logitScale;

    public LanHarNet(LanHarConfig config) {
        this.config = config;
        textAdapter = addChildBlock("text_adapter", new TextAdapter(TOKEN_DIM, config.textHeads(), config.sharedDim()));
        sensorEncoder = addChildBlock("sensor_encoder", new SensorEncoder(config.tokenSteps(), config.sensorDim(),
                config.sensorLayers(), config.sensorHeads(), config.sharedDim()));
        logitScale = addParameter(Parameter.builder().setName("logit_scale").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).optInitializer(Inits.constant(Math.log(1 / 0.07))).build());
    }

    public LanHarConfig config() {
        return config;
    }

    public TextAdapter textAdapter() {
        return textAdapter;
    }

    public SensorEncoder sensorEncoder() {
        return sensorEncoder;
    }

    /** The learned CLIP logit scale (log of the inverse temperature). */
    public NDArray logitScale(ParameterStore ps, NDArray like, boolean training) {
        return ps.getValue(logitScale, like.getDevice(), training);
    }

    /** Allocates every parameter. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, SensorEncoder.STEPS, SensorEncoder.CHANNELS),
                new Shape(1, 4, TOKEN_DIM));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(sensorEncoder.apply(ps, inputs.get(0), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return sensorEncoder.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        sensorEncoder.initialize(manager, dataType, inputShapes[0]);
        textAdapter.initialize(manager, dataType, inputShapes[1], new Shape(inputShapes[1].get(0), inputShapes[1].get(1)));
    }
}
