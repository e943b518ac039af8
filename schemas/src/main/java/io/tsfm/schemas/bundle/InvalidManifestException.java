package io.tsfm.schemas.bundle;

import java.io.IOException;
import java.util.List;

/** A bundle manifest that is not valid JSON or breaks the manifest schema; lists every problem with its JSONPath. */
public final class InvalidManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    InvalidManifestException(String source, List<String> problems) {
        super("bundle manifest " + source + " is invalid:\n  " + String.join("\n  ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** Where the manifest came from (a file path or a caller-given name). */
    public String source() {
        return source;
    }

    /** The problems, each {@code "<JSONPath>: <what is wrong>"} (or a line/column for malformed JSON). */
    public List<String> problems() {
        return problems;
    }
}
