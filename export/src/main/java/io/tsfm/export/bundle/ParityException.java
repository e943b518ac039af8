package io.tsfm.export.bundle;

import java.io.IOException;

/** The exported graphs do not reproduce the DJL model closely enough; no bundle was written. */
public final class ParityException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient ParityReport report;

    /** A refusal with the measured {@code report}. */
    public ParityException(ParityReport report) {
        super("refusing to write the bundle: " + report);
        this.report = report;
    }

    /** What was measured. */
    public ParityReport report() {
        return report;
    }
}
