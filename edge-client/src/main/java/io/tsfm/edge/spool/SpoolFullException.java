package io.tsfm.edge.spool;

import java.io.IOException;

/** Thrown by {@link Spool#append} under {@link OverflowPolicy#REJECT_NEWEST} when the record does not fit. */
public final class SpoolFullException extends IOException {
    public SpoolFullException(String message) {
        super(message);
    }
}
