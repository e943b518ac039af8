/**
 * Micro-batched classification with a pluggable {@code WindowClassifier}, label sets as broadcast state, and
 * optional smoothing over a device's recent windows.
 */
package io.tsfm.job.inference;
