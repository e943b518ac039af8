package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.KeyMasks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IMU encoder (spec §3.1–3.5): feature extractor → padded patches replaced by {@code pad_token} → temporal PE →
 * {@code num_temporal_layers} dual-branch blocks (no final norm).
 *
 * <p>Forward inputs: {@code patches (B, P, S, C)} float32, {@code patch_mask (B, P)} boolean,
 * {@code channel_mask (B, C)} boolean (true = real). Output {@code (B, P, C, D)}. Parameters of its own:
 * {@code mask_token}, {@code pad_token} (each {@code (1,1,1,D)}, N(0, (0.1/√D)²)); {@code mask_token} exists for
 * checkpoint parity with the reference's optional masked pretraining and is unused here.
 */
public final class TsfmEncoder extends AbstractBlock {

    private final int dModel;
    private final PatchFeatureExtractor features;
    private final AmplitudeEmbedding amplitude;
    private final TemporalPositionalEncoding positionalEncoding;
    private final List<DualBranchBlock> layers = new ArrayList<>();
    private final Parameter maskToken;
    private final Parameter padToken;

    /** Builds the encoder of a configuration. */
    public TsfmEncoder(TsfmConfig config) {
        dModel = config.getDModel();
        features = addChildBlock("features", PatchFeatureExtractor.create(config));
        amplitude = config.isUseAmplitudeStats() ? addChildBlock("amplitude", new AmplitudeEmbedding(dModel)) : null;
        positionalEncoding = addChildBlock("positional_encoding",
                new TemporalPositionalEncoding(dModel, config.getMaxPatches(), config.getTemporalInitScale()));
        for (int i = 0; i < config.getNumTemporalLayers(); i++) {
            layers.add(addChildBlock("layer" + i, new DualBranchBlock(dModel, config.getNumHeads(),
                    config.getDimFeedforward(), config.getDropout(), config.isUseCrossChannel())));
        }
        double tokenStd = 0.1 / Math.sqrt(dModel);
        maskToken = addParameter(Parameter.builder().setName("mask_token").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, 1, dModel)).optInitializer(Inits.normal(tokenStd)).build());
        padToken = addParameter(Parameter.builder().setName("pad_token").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, 1, dModel)).optInitializer(Inits.normal(tokenStd)).build());
    }

    /** The patch tokenizer. */
    public PatchFeatureExtractor getFeatureExtractor() {
        return features;
    }

    /** The temporal positional encoding. */
    public TemporalPositionalEncoding getPositionalEncoding() {
        return positionalEncoding;
    }

    /** The dual-branch blocks in order. */
    public List<DualBranchBlock> getLayers() {
        return Collections.unmodifiableList(layers);
    }

    /** The (unused) mask token parameter. */
    public Parameter getMaskToken() {
        return maskToken;
    }

    /** The pad token parameter. */
    public Parameter getPadToken() {
        return padToken;
    }

    /** The amplitude block, or null when the config does not read amplitude features. */
    public AmplitudeEmbedding getAmplitude() {
        return amplitude;
    }

    /** Encodes a model without amplitude features; see the class comment for shapes. */
    public NDArray apply(ParameterStore ps, NDArray patches, NDArray patchMask, NDArray channelMask,
                         boolean training) {
        return apply(ps, patches, patchMask, channelMask, null, training);
    }

    /** Encodes; {@code patchStats (B, P, C, 2)} is read only by an amplitude-aware configuration. */
    public NDArray apply(ParameterStore ps, NDArray patches, NDArray patchMask, NDArray channelMask,
                         NDArray patchStats, boolean training) {
        NDArray x = features.apply(ps, patches, training);
        if (amplitude != null) {
            if (patchStats == null) throw new IllegalArgumentException("this model reads patch_stats; none given");
            x = x.add(amplitude.apply(ps, patchStats, training));
        }
        Shape s = x.getShape();
        long b = s.get(0);
        long p = s.get(1);
        long c = s.get(2);
        NDArray pad = ps.getValue(padToken, x.getDevice(), training);
        NDArray keep = patchMask.reshape(b, p, 1, 1).broadcast(s);
        x = NDArrays.where(keep, x, pad);
        x = positionalEncoding.apply(ps, x, training);

        NDArray temporalBias = KeyMasks.perChannelPatchBias(patchMask, c);
        NDArray channelBias = KeyMasks.perPatchChannelBias(channelMask, p);
        for (DualBranchBlock layer : layers) {
            x = layer.apply(ps, x, temporalBias, channelBias, training);
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2),
                inputs.size() > 3 ? inputs.get(3) : null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return features.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes[0]);
        Shape x = getOutputShapes(inputShapes)[0];
        if (amplitude != null) amplitude.initialize(manager, dataType, x.slice(0, 3).add(2));
        positionalEncoding.initialize(manager, dataType, x);
        long b = x.get(0);
        long p = x.get(1);
        long c = x.get(2);
        for (DualBranchBlock layer : layers) {
            layer.initialize(manager, dataType, x, new Shape(b * c, 1, 1, p), new Shape(b * p, 1, 1, c));
        }
    }
}
