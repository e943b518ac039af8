package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;
import java.io.IOException;

/** Thrown by {@link Spool#append} under {@link OverflowPolicy#REJECT_NEWEST} when the record does not fit. */
@PublicApi
public final class SpoolFullException extends IOException {
    public SpoolFullException(String message) {
        super(message);
    }
}
