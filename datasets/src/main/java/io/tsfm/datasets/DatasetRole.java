package io.tsfm.datasets;

/** What a dataset may be used for; zero-shot test sets are never read by training. */
public enum DatasetRole {
    /** Used to train the model. */
    TRAIN,
    /** Held out entirely for zero-shot evaluation. */
    ZERO_SHOT,
    /** Brought by a user (generic format); the user decides. */
    USER
}
