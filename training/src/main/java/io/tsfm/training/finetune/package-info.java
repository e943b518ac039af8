/**
 * Supervised fine-tuning of a trained TSFM checkpoint on a test dataset's labelled windows (spec §6.5): the whole
 * IMU tower is trained with cosine classification against frozen label embeddings, early-stopped on validation
 * accuracy, and the best state predicts the test windows.
 */
package io.tsfm.training.finetune;
