/**
 * The TSFM serving network as a hand-built ONNX graph (spec §3.11): {@link io.tsfm.export.onnx.TsfmOnnxGraph}
 * assembles the block subgraphs of {@code blocks} from a {@link io.tsfm.export.onnx.TsfmGraphConfig} and weights
 * supplied through {@link io.tsfm.export.onnx.params.ParameterSource}, without depending on the training framework.
 */
package io.tsfm.export.onnx;
