package io.tsfm.schemas;

import io.tsfm.schemas.avro.DeadLetterReason;

/**
 * Bytes that are not a valid single-object-encoded record of the expected type, or a record that breaks the wire
 * rules of its type. The message names the type, the field path and, for byte-level problems, the byte offset.
 */
public final class WireFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; each kind has a {@link DeadLetterReason} symbol of the same name. */
    public enum Kind {
        /** Not Avro single-object encoding: the two marker bytes 0xC3 0x01 are missing. */
        BAD_HEADER,
        /** The schema fingerprint is not a known version of the expected type. */
        UNKNOWN_SCHEMA,
        /** The bytes end before the record does. */
        TRUNCATED,
        /** The body does not decode with its writer schema (bad length, union branch, trailing bytes...). */
        MALFORMED,
        /** The record decodes but breaks a rule of its type (empty id, sample count, ...). */
        INVALID_RECORD
    }

    private final Kind kind;
    private final String recordType;

    WireFormatException(Kind kind, String recordType, String detail) {
        this(kind, recordType, detail, null);
    }

    WireFormatException(Kind kind, String recordType, String detail, Throwable cause) {
        super(kind + " " + recordType + ": " + detail, cause);
        this.kind = kind;
        this.recordType = recordType;
    }

    /** The kind of problem. */
    public Kind kind() {
        return kind;
    }

    /** Simple name of the record type that was expected (e.g. {@code ImuFrame}). */
    public String recordType() {
        return recordType;
    }

    /** The dead-letter reason to file the offending bytes under. */
    public DeadLetterReason deadLetterReason() {
        return DeadLetterReason.valueOf(kind.name());
    }
}
