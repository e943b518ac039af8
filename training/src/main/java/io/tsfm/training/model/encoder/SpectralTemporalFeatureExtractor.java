package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.LayerNormalization;

/**
 * The {@code spectral_temporal} extractor (Tiny, Small-Deep, Medium, Large; spec §3.2):
 * <ul>
 *   <li>temporal: conv blocks → global average → {@code Linear(64→D_t) → LN(D_t)};</li>
 *   <li>spectral: {@code |rfft(x)|} of the S-point patch as a constant DFT matmul ({@link DftBasis}) →
 *       {@code Linear(S/2+1→2·D_s) → GELU → Dropout → Linear(2·D_s→D_s) → LN(D_s)};</li>
 * </ul>
 * output {@code concat[temporal, spectral]}. The DFT basis is not a parameter; it is uploaded per forward pass
 * (a few KB) so the block owns no native memory outside its parameters.
 */
public final class SpectralTemporalFeatureExtractor extends PatchFeatureExtractor {

    private final float dropout;
    private final DftBasis basis;
    private final ConvStack convs;
    private final Dense temporalProj;
    private final LayerNormalization temporalNorm;
    private final Dense spectral1;
    private final Dense spectral2;
    private final LayerNormalization spectralNorm;

    /** Builds the extractor for a configuration. */
    public SpectralTemporalFeatureExtractor(TsfmConfig config) {
        super(config.getTargetPatchSize(), config.getDModel());
        dropout = (float) config.getDropout();
        basis = DftBasis.forLength(config.getTargetPatchSize());
        int dt = config.getTemporalDim();
        int ds = config.getSpectralDim();
        convs = addChildBlock("convs", new ConvStack(config.getCnnChannels(), config.getCnnKernelSizes()[0], dropout));
        temporalProj = addChildBlock("temporal_proj", Dense.of(convs.getOutChannels(), dt));
        temporalNorm = addChildBlock("temporal_norm", new LayerNormalization(dt));
        spectral1 = addChildBlock("spectral_fc1", Dense.of(basis.bins(), 2L * ds));
        spectral2 = addChildBlock("spectral_fc2", Dense.of(2L * ds, ds));
        spectralNorm = addChildBlock("spectral_norm", new LayerNormalization(ds));
    }

    @Override
    protected NDArray features(ParameterStore ps, NDArray series, boolean training) {
        NDArray temporal = convs.apply(ps, series.expandDims(1), training);
        temporal = temporalNorm.apply(ps, temporalProj.apply(ps, temporal, training), training);

        NDArray spectral = Activation.gelu(spectral1.apply(ps, magnitude(series), training));
        spectral = Dropout.dropout(spectral, dropout, training).singletonOrThrow();
        spectral = spectralNorm.apply(ps, spectral2.apply(ps, spectral, training), training);
        return temporal.concat(spectral, 1);
    }

    /** {@code |rfft(x)|} of {@code series (N, S)} → {@code (N, S/2+1)}. */
    public NDArray magnitude(NDArray series) {
        int bins = basis.bins();
        NDArray cs = series.getManager()
                .create(basis.cosSinMatrix(), new Shape(basis.length(), 2L * bins))
                .toDevice(series.getDevice(), false);
        NDList reIm = series.matMul(cs).split(2, 1);
        return reIm.get(0).square().add(reIm.get(1).square()).sqrt();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape series = seriesShape(inputShapes[0]);
        long n = series.get(0);
        Shape convIn = new Shape(n, 1, series.get(1));
        convs.initialize(manager, dataType, convIn);
        temporalProj.initialize(manager, dataType, convs.getOutputShapes(new Shape[] {convIn}));
        temporalNorm.initialize(manager, dataType, new Shape(n, temporalProj.getOutFeatures()));
        spectral1.initialize(manager, dataType, new Shape(n, basis.bins()));
        spectral2.initialize(manager, dataType, new Shape(n, spectral1.getOutFeatures()));
        spectralNorm.initialize(manager, dataType, new Shape(n, spectral2.getOutFeatures()));
    }
}
