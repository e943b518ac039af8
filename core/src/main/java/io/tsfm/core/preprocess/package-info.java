/**
 * Patch tokenisation (spec §2), the one implementation training and serving share: the patcher and its settings,
 * patched windows and their batches, channel description strings and the DFT basis.
 */
package io.tsfm.core.preprocess;
