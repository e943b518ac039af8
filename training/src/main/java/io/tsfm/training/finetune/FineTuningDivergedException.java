package io.tsfm.training.finetune;

/** A fine-tuning run whose losses went non-finite on most batches of an epoch: the run ended, nothing was kept. */
public final class FineTuningDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With the one-line reason (batches, epoch, learning rate). */
    public FineTuningDivergedException(String message) {
        super(message);
    }
}
