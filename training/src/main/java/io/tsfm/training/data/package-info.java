/**
 * From sessions to training batches: subject split, group-balanced sampling, patch sizes, augmentations of
 * windows and label texts, and the batch assembler.
 */
package io.tsfm.training.data;
