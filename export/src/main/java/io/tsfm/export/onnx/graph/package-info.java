/**
 * A small graph-building layer over the ONNX protobuf classes (opset 17): {@link io.tsfm.export.onnx.graph.OnnxGraph}
 * (inputs, initializers, nodes, outputs), {@link io.tsfm.export.onnx.graph.Ops} (typed op wrappers) and
 * {@link io.tsfm.export.onnx.graph.Layers} (Linear, GELU, norms, conv, masked attention, L2 normalisation).
 */
package io.tsfm.export.onnx.graph;
