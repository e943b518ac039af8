/**
 * ONNX Runtime plumbing shared by the text encoder and the classifier runtime: the execution device (CPU or CUDA)
 * and session/tensor helpers. Below both {@code io.tsfm.core.text} and {@code io.tsfm.core.runtime}, so neither
 * reaches into the other for it.
 */
package io.tsfm.core.ort;
