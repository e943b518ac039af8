/** The IMU encoder: patch feature extractors, positional encoding, dual-branch transformer blocks (spec §3.2–3.5). */
package io.tsfm.training.model.encoder;
