/**
 * Dynamic int8 quantisation of model bundles: the ONNX graph rewrite ({@link io.tsfm.export.quantize.DynamicInt8Quantizer})
 * and the bundle around it with its parity against the float bundle
 * ({@link io.tsfm.export.quantize.Int8BundleQuantizer}).
 */
package io.tsfm.export.quantize;
