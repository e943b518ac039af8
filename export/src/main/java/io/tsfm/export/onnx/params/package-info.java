/**
 * Framework-neutral access to trained weights by name: {@link io.tsfm.export.onnx.params.ParameterSource} and the
 * shape-checking, usage-recording {@link io.tsfm.export.onnx.params.ParameterReader}.
 */
package io.tsfm.export.onnx.params;
