/** Contrastive objective (spec §4.1–4.3): soft-target symmetric InfoNCE, MoCo-style memory bank, per-patch rows. */
package io.tsfm.training.loss;
