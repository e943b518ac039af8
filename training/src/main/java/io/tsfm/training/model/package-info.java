/**
 * The TSFM network in DJL (spec §3): {@link io.tsfm.training.model.config.TsfmConfig} tiers,
 * {@link io.tsfm.training.model.TsfmModel} (IMU tower, the exported part), {@link io.tsfm.training.model.TrainableTsfm}
 * (model + label bank + logit scale) and their input contract {@link io.tsfm.training.model.TsfmInputs}.
 * Sub-packages: {@code layers} (primitives), {@code encoder}, {@code text} (channel-text fusion, label bank),
 * {@code head}; {@code config} (the configuration every block reads, below them all).
 */
package io.tsfm.training.model;
