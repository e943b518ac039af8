package io.tsfm.schemas;

import io.tsfm.schemas.WireFormatException.Kind;
import io.tsfm.schemas.avro.DeadLetter;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import io.tsfm.schemas.avro.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encoder and decoder of one wire type as Avro single-object encoding: {@code 0xC3 0x01}, the writer schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, then the Avro binary body. Decoding looks the fingerprint up in
 * {@link SchemaHistory#bundled()}, so frames written with any released version decode into the current class
 * (new fields take their defaults) without a schema registry.
 *
 * <p>Both directions enforce the type's rules (see the schema docs); a bad record never leaves or enters. Every
 * failure is a {@link WireFormatException} naming the type, the field path and, for bytes, the offset.
 *
 * <p>Instances are immutable and thread-safe (Avro's message encoder/decoder keep per-thread buffers).
 *
 * @param <T> the generated Avro record class
 */
public final class WireFormat<T extends SpecificRecord> {

    /** Raw IMU samples from devices (topic {@link Topics#IMU_FRAMES}). */
    public static final WireFormat<ImuFrame> IMU_FRAME =
            new WireFormat<>(ImuFrame.class, ImuFrame.getClassSchema(), WireRules::imuFrame);
    /** Window predictions (topic {@link Topics#PREDICTIONS}). */
    public static final WireFormat<Prediction> PREDICTION =
            new WireFormat<>(Prediction.class, Prediction.getClassSchema(), WireRules::prediction);
    /** Label-set control messages (topic {@link Topics#LABEL_SETS}). */
    public static final WireFormat<LabelSetUpdate> LABEL_SET_UPDATE =
            new WireFormat<>(LabelSetUpdate.class, LabelSetUpdate.getClassSchema(), WireRules::labelSetUpdate);
    /** Records the job could not process (topic {@link Topics#DEAD_LETTERS}). */
    public static final WireFormat<DeadLetter> DEAD_LETTER =
            new WireFormat<>(DeadLetter.class, DeadLetter.getClassSchema(), WireRules::deadLetter);

    /** Length of the single-object header: 2 marker bytes and the 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    private final String name;
    private final Schema schema;
    private final long fingerprint;
    private final Function<T, List<String>> rules;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private WireFormat(Class<T> type, Schema schema, Function<T, List<String>> rules) {
        this.type = type;
        this.name = schema.getName();
        this.schema = schema;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.rules = rules;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        SchemaHistory history = SchemaHistory.bundled();
        // the store only answers for versions of this type, so a Prediction on the frames topic is UNKNOWN_SCHEMA
        this.decoder = new BinaryMessageDecoder<>(model, schema, fp -> history.find(fp)
                .filter(v -> v.fullName().equals(schema.getFullName()))
                .map(SchemaHistory.Version::schema)
                .orElse(null));
    }

    /** The generated record class. */
    public Class<T> type() {
        return type;
    }

    /** The current (writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** Fingerprint of the current schema, as written into every header by {@link #encode}. */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * Encodes a record with the current schema.
     *
     * @throws WireFormatException INVALID_RECORD when the record breaks a rule of its type or misses a field
     */
    public byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        checkRules(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (NullPointerException | ClassCastException | AvroRuntimeException e) {
            throw new WireFormatException(Kind.INVALID_RECORD, name, "cannot encode: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * Decodes bytes written with any released version of this type.
     *
     * @throws WireFormatException BAD_HEADER, UNKNOWN_SCHEMA, TRUNCATED, MALFORMED or INVALID_RECORD
     */
    public T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length >= 1 && bytes[0] != MARKER_0 || bytes.length >= 2 && bytes[1] != MARKER_1) {
            throw new WireFormatException(Kind.BAD_HEADER, name, String.format(
                    "not Avro single-object encoding: starts with %s, expected 0xC3 0x01", firstBytes(bytes)));
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new WireFormatException(Kind.TRUNCATED, name,
                    "only " + bytes.length + " bytes, the single-object header alone is " + HEADER_LENGTH);
        }
        long fp = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = writerSchema(fp);
        BinaryLayoutCheck.check(bytes, HEADER_LENGTH, writer, name);
        T record;
        try {
            record = decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            // the layout check passed, so this is a value Avro itself rejects (e.g. schema resolution)
            throw new WireFormatException(Kind.MALFORMED, name, "cannot decode: " + e.getMessage(), e);
        }
        checkRules(record);
        return record;
    }

    private Schema writerSchema(long fp) {
        if (fp == fingerprint) {
            return schema;
        }
        SchemaHistory history = SchemaHistory.bundled();
        SchemaHistory.Version v = history.find(fp).orElse(null);
        if (v == null) {
            throw new WireFormatException(Kind.UNKNOWN_SCHEMA, name, "fingerprint " + SchemaHistory.hex(fp)
                    + " is no known schema; known " + name + " versions: " + known(history));
        }
        if (!v.fullName().equals(schema.getFullName())) {
            throw new WireFormatException(Kind.UNKNOWN_SCHEMA, name, "fingerprint " + SchemaHistory.hex(fp)
                    + " is " + v + ", not a version of " + name);
        }
        return v.schema();
    }

    private String known(SchemaHistory history) {
        return history.versions(schema.getFullName()).stream().map(Object::toString)
                .collect(Collectors.joining(", "));
    }

    private void checkRules(T record) {
        List<String> problems;
        try {
            problems = rules.apply(record);
        } catch (NullPointerException e) {
            throw new WireFormatException(Kind.INVALID_RECORD, name, "a required field is missing: " + e.getMessage(),
                    e);
        }
        if (!problems.isEmpty()) {
            throw new WireFormatException(Kind.INVALID_RECORD, name, String.join("; ", problems));
        }
    }

    private static String firstBytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(2, bytes.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "WireFormat[" + name + " " + SchemaHistory.hex(fingerprint) + "]";
    }
}
