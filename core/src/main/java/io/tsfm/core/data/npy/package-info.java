/**
 * Readers of NumPy's {@code .npy} and {@code .npz} files (and a float32 {@code .npy} writer).
 */
package io.tsfm.core.data.npy;
