package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Inits;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * Fixed sinusoidal patch-index encoding with a learnable scalar scale (spec §3.4):
 * {@code x + s·PE[:P]}, broadcast over batch and channels, {@code PE[pos,2i] = sin(pos·10000^(−2i/D))},
 * {@code PE[pos,2i+1] = cos(…)}, {@code s} initialised to {@code temporal_init_scale}. Input/output
 * {@code (B, P, C, D)}. Parameter: {@code scale (1)}. The table is computed in Java and uploaded per pass (P·D floats).
 */
public final class TemporalPositionalEncoding extends SingleInputBlock {

    private final int dModel;
    private final int maxPatches;
    private final Parameter scale;
    private volatile float[] table = new float[0];

    /** An encoding for width {@code dModel}, up to {@code maxPatches} positions. */
    public TemporalPositionalEncoding(int dModel, int maxPatches, double initScale) {
        this.dModel = dModel;
        this.maxPatches = maxPatches;
        scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).optInitializer(Inits.constant(initScale)).build());
    }

    /** The first {@code patches} rows of the table, row-major {@code (patches, D)}. */
    public float[] rows(int patches) {
        if (patches > maxPatches) {
            throw new IllegalArgumentException(patches + " patches exceed the positional table of " + maxPatches);
        }
        float[] t = table;
        if (t.length < patches * dModel) {
            t = new float[patches * dModel];
            for (int pos = 0; pos < patches; pos++) {
                for (int i = 0; i < dModel; i += 2) {
                    double angle = pos * Math.exp(-Math.log(10000.0) * i / dModel);
                    t[pos * dModel + i] = (float) Math.sin(angle);
                    if (i + 1 < dModel) {
                        t[pos * dModel + i + 1] = (float) Math.cos(angle);
                    }
                }
            }
            table = t;
        }
        float[] out = new float[patches * dModel];
        System.arraycopy(t, 0, out, 0, out.length);
        return out;
    }

    /** Adds the scaled encoding to {@code x (B, P, C, D)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        int p = (int) x.getShape().get(1);
        NDArray pe = x.getManager().create(rows(p), new Shape(1, p, 1, dModel)).toDevice(x.getDevice(), false);
        NDArray s = ps.getValue(scale, x.getDevice(), training);
        return x.add(pe.mul(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
