/**
 * The optimiser (AdamW with the reference's parameter groups) and the learning-rate schedule.
 */
package io.tsfm.training.optim;
