/** Primitive blocks with construction-time shapes and explicit PyTorch-equivalent initialisation. */
package io.tsfm.training.model.layers;
