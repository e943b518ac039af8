package io.tsfm.training.model.layers;

import ai.djl.training.initializer.Initializer;

/**
 * Parameter initialisers used by the TSFM blocks, expressed with explicit fan sizes so each block states exactly
 * which PyTorch rule it reproduces (spec §3.9). Stateless and thread-safe.
 */
public final class Inits {

    private Inits() {}

    /** {@code U(-bound, bound)}. */
    public static Initializer uniform(double bound) {
        float b = (float) bound;
        return (manager, shape, dataType) -> manager.randomUniform(-b, b, shape, dataType);
    }

    /**
     * PyTorch's default for Linear/Conv weights and biases ({@code kaiming_uniform(a=√5)} and its bias rule): both
     * reduce to {@code U(±1/√fanIn)}.
     */
    public static Initializer pytorchDefault(long fanIn) {
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /** Xavier/Glorot uniform with gain 1: {@code U(±√(6/(fanIn+fanOut)))}. */
    public static Initializer xavierUniform(long fanIn, long fanOut) {
        return uniform(Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    /** {@code N(0, std²)}. */
    public static Initializer normal(double std) {
        float s = (float) std;
        return (manager, shape, dataType) -> manager.randomNormal(0f, s, shape, dataType);
    }

    /** Every element equal to {@code value}. */
    public static Initializer constant(double value) {
        float v = (float) value;
        return (manager, shape, dataType) -> manager.full(shape, v, dataType);
    }

    /** All zeros. */
    public static Initializer zeros() {
        return Initializer.ZEROS;
    }

    /** All ones. */
    public static Initializer ones() {
        return Initializer.ONES;
    }
}
