/**
 * The network's configuration: {@link io.tsfm.training.model.config.TsfmConfig} (tiers, widths, depths, patch
 * sizes) and the patch feature extractor's kind. Below every block package, which all read it.
 */
package io.tsfm.training.model.config;
