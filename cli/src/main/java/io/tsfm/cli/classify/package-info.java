/**
 * {@code tsfm classify}: classify a dataset's windows with a model bundle in ONNX Runtime.
 */
package io.tsfm.cli.classify;
