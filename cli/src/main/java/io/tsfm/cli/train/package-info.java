/**
 * {@code tsfm train}: a contrastive training run.
 */
package io.tsfm.cli.train;
