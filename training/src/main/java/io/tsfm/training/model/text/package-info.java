/**
 * Blocks fed by frozen text-model token states: ChannelTextFusion (spec §3.6) and the learnable label bank (§3.8).
 * Both work on the unique strings of a step and gather by index.
 */
package io.tsfm.training.model.text;
