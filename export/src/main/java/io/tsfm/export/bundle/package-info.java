/**
 * Checkpoint → model bundle: {@link io.tsfm.export.bundle.BundleExporter} builds the graphs, embeds the vocabulary,
 * writes files and manifest with {@link io.tsfm.export.bundle.BundleWriter}, and refuses the bundle unless
 * {@link io.tsfm.export.bundle.ParityCheck} finds the served bundle reproducing DJL on real windows. The layout is
 * {@code io.tsfm.core.runtime.BundleLayout}; the runtime that reads it is
 * {@code io.tsfm.core.runtime.OnnxWindowClassifier}.
 */
package io.tsfm.export.bundle;
