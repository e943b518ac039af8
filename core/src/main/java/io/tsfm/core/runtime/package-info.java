/**
 * Serving: the {@link io.tsfm.core.runtime.WindowClassifier} contract the streaming job, the edge client and the
 * benchmark call, and its ONNX Runtime implementation {@link io.tsfm.core.runtime.OnnxWindowClassifier} over a
 * verified {@link io.tsfm.core.runtime.ModelBundle} (layout: {@link io.tsfm.core.runtime.BundleLayout}).
 */
package io.tsfm.core.runtime;
