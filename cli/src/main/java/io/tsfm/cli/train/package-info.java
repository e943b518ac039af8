/**
 * {@code tsfm train}: a contrastive training run; {@code tsfm average}: the uniform mean of some of its checkpoints.
 */
package io.tsfm.cli.train;
