package io.tsfm.training.model.encoder;

import io.tsfm.core.preprocess.SpectralBasis;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Constant real-DFT matrices for a fixed patch length n (spec §3.2): {@code Ccos[t,k] = cos(2πtk/n)},
 * {@code Csin[t,k] = sin(2πtk/n)} for {@code t < n}, {@code k ≤ n/2}, so {@code |X_k| = sqrt((x·Ccos)² + (x·Csin)²)}
 * equals the magnitude of {@code rfft(x)} without an FFT operator (which does not export to ONNX).
 *
 * <p>A DJL-friendly layout ({@code [Ccos | Csin]}) of {@link SpectralBasis}, the matrices the ONNX graph uses too.
 * Thread-safe (immutable, cached).
 */
public final class DftBasis {

    private static final Map<Integer, DftBasis> CACHE = new ConcurrentHashMap<>();

    private final int length;
    private final int bins;
    private final float[] cosSin;

    private DftBasis(int length) {
        this.length = length;
        this.bins = length / 2 + 1;
        this.cosSin = new float[length * 2 * bins];
        // the one definition of the matrices lives in core, shared with the ONNX exporter
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < bins; k++) {
                cosSin[t * 2 * bins + k] = (float) SpectralBasis.cos(t, k);
                cosSin[t * 2 * bins + bins + k] = (float) SpectralBasis.sin(t, k);
            }
        }
    }

    /** The basis for patches of {@code length} samples. */
    public static DftBasis forLength(int length) {
        if (length != SpectralBasis.STEPS) {
            throw new IllegalArgumentException("the spectral features are defined for " + SpectralBasis.STEPS
                    + "-step patches, got " + length);
        }
        return CACHE.computeIfAbsent(length, DftBasis::new);
    }

    /** Patch length n. */
    public int length() {
        return length;
    }

    /** Number of magnitude bins n/2 + 1. */
    public int bins() {
        return bins;
    }

    /** Row-major {@code (n, 2·bins)} matrix {@code [Ccos | Csin]} (a copy). */
    public float[] cosSinMatrix() {
        return cosSin.clone();
    }

    /** {@code Ccos[t][k]}. */
    public float cos(int t, int k) {
        return cosSin[t * 2 * bins + k];
    }

    /** {@code Csin[t][k]}. */
    public float sin(int t, int k) {
        return cosSin[t * 2 * bins + bins + k];
    }
}
