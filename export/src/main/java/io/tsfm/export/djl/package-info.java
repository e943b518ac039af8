/**
 * The bridge from the DJL training model: its weights as a graph {@code ParameterSource}
 * ({@link io.tsfm.export.djl.DjlParameterSource}), its configuration as a graph configuration
 * ({@link io.tsfm.export.djl.GraphConfigs}), and eager inference as the parity reference and speed baseline
 * ({@link io.tsfm.export.djl.DjlInference}).
 */
package io.tsfm.export.djl;
