/**
 * A contrastive training run: its configuration, the trainer and its step, zero-shot validation, and the
 * checkpoint directory with its provenance.
 */
package io.tsfm.training.run;
