/**
 * One subgraph builder per spec block (§3.2–3.7), each reading its weights by the training block path through
 * {@link io.tsfm.export.onnx.blocks.BlockContext}.
 */
package io.tsfm.export.onnx.blocks;
