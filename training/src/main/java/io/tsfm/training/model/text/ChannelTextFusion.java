package io.tsfm.training.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.KeyMasks;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.MultiHeadAttention;

/**
 * Gated addition of each channel's description to its sensor tokens (spec §3.6).
 *
 * <p>The text side depends only on the description string, so it is computed once per <em>unique</em> string and
 * gathered: {@link #encodeText} maps token states {@code (U, K, T_d)} + token mask {@code (U, K)} to
 * {@code ch (U, D)} and {@code gate_channel(ch) (U, D)}; {@link #fuse} applies
 * {@code out = sensor + sigmoid(gate_sensor(sensor) + gate_channel(ch)) ⊙ ch} to {@code sensor (B, P, C, D)} with
 * per-channel rows {@code (B, C, D)}. Forward inputs: {@code sensor (B,P,C,D)}, {@code tokens (U,K,T_d)},
 * {@code token_mask (U,K)} boolean, {@code channel_index (B,C)} int64 (row of the unique tables for each channel);
 * output {@code (B, P, C, D)}.
 */
public final class ChannelTextFusion extends AbstractBlock {

    private final long dModel;
    private final long textDim;
    private final long numQueries;
    private final Dense textProj;
    private final Parameter queries;
    private final MultiHeadAttention attention;
    private final LayerNormalization norm;
    private final Dense outProj1;
    private final Dense outProj2;
    private final Dense gateSensor;
    private final Dense gateChannel;

    /** Builds the fusion of a configuration. */
    public ChannelTextFusion(TsfmConfig config) {
        dModel = config.getDModel();
        textDim = config.getContrastiveTextDim();
        numQueries = config.getChannelTextNumQueries();
        textProj = textDim == dModel ? null : addChildBlock("text_proj", Dense.of(textDim, dModel));
        queries = addParameter(Parameter.builder().setName("queries").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numQueries, dModel)).optInitializer(Inits.normal(0.02)).build());
        attention = addChildBlock("attn", MultiHeadAttention.builder().setDim(dModel)
                .setHeads(config.getChannelTextNumHeads()).optDropout(config.getDropout()).build());
        norm = addChildBlock("norm", new LayerNormalization(dModel));
        outProj1 = addChildBlock("out_proj1", Dense.of(numQueries * dModel, dModel));
        outProj2 = addChildBlock("out_proj2", Dense.of(dModel, dModel));
        gateSensor = addChildBlock("gate_sensor",
                Dense.builder().setInFeatures(dModel).setOutFeatures(dModel).optBias(false).build());
        gateChannel = addChildBlock("gate_channel", Dense.of(dModel, dModel));
    }

    /**
     * Text side for unique description strings.
     *
     * @param tokens token states {@code (U, K, T_d)} of the frozen text model
     * @param tokenMask {@code (U, K)} boolean, true for real tokens (an all-false row un-masks its first token)
     * @return {@code ch (U, D)} and {@code gate_channel(ch) (U, D)}
     */
    public NDList encodeText(ParameterStore ps, NDArray tokens, NDArray tokenMask, boolean training) {
        long u = tokens.getShape().get(0);
        NDArray tok = textProj == null ? tokens : textProj.apply(ps, tokens, training);
        NDArray q = ps.getValue(queries, tokens.getDevice(), training);
        NDArray a = attention.apply(ps, q.expandDims(0), tok, tok, KeyMasks.keyBias(tokenMask), training);
        NDArray flat = norm.apply(ps, a.add(q), training).reshape(u, numQueries * dModel);
        NDArray ch = outProj2.apply(ps, Activation.gelu(outProj1.apply(ps, flat, training)), training);
        return new NDList(ch, gateChannel.apply(ps, ch, training));
    }

    /**
     * Sensor side.
     *
     * @param sensor encoder output {@code (B, P, C, D)}
     * @param ch per-channel text vectors {@code (B, C, D)}
     * @param gateCh {@code gate_channel(ch)} per channel {@code (B, C, D)}
     */
    public NDArray fuse(ParameterStore ps, NDArray sensor, NDArray ch, NDArray gateCh, boolean training) {
        Shape s = sensor.getShape();
        NDArray chB = ch.reshape(s.get(0), 1, s.get(2), dModel);
        NDArray gate = Activation.sigmoid(gateSensor.apply(ps, sensor, training)
                .add(gateCh.reshape(s.get(0), 1, s.get(2), dModel)));
        return sensor.add(gate.mul(chB));
    }

    /** {@link #encodeText} on unique strings, gathered by {@code channelIndex (B, C)}, then {@link #fuse}. */
    public NDArray apply(ParameterStore ps, NDArray sensor, NDArray tokens, NDArray tokenMask, NDArray channelIndex,
                         boolean training) {
        NDList text = encodeText(ps, tokens, tokenMask, training);
        return fuse(ps, sensor, text.get(0).get(channelIndex), text.get(1).get(channelIndex), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape sensor = inputShapes[0];
        Shape tokens = inputShapes[1];
        long u = tokens.get(0);
        long k = tokens.get(1);
        if (textProj != null) {
            textProj.initialize(manager, dataType, tokens);
        }
        Shape tok = new Shape(u, k, dModel);
        Shape a = new Shape(u, numQueries, dModel);
        attention.initialize(manager, dataType, new Shape(1, numQueries, dModel), tok, tok, new Shape(u, 1, 1, k));
        norm.initialize(manager, dataType, a);
        outProj1.initialize(manager, dataType, new Shape(u, numQueries * dModel));
        outProj2.initialize(manager, dataType, new Shape(u, dModel));
        gateSensor.initialize(manager, dataType, sensor);
        gateChannel.initialize(manager, dataType, new Shape(u, dModel));
    }
}
