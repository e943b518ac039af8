package io.tsfm.training.finetune;

/**
 * One fine-tuning epoch.
 *
 * @param epoch              1-based
 * @param trainLoss          mean cross-entropy over the epoch's batches (dropout on, before each batch's update)
 * @param validationAccuracy exact-label accuracy on the validation windows after the epoch (eval mode)
 * @param improved           whether it strictly beat every earlier epoch, so its state became the best one
 * @param seconds            wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, double trainLoss, double validationAccuracy, boolean improved, double seconds) {}
