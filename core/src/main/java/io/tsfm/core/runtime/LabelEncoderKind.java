package io.tsfm.core.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tsfm.core.annotation.PublicApi;

/**
 * Where a model's label embeddings come from, as the trainer's {@code --label-encoder} flag, a checkpoint's
 * provenance and a bundle's manifest name it ({@link #wireName()}).
 */
@PublicApi
public enum LabelEncoderKind {
    /** The mean-pooled, L2-normalised sentence embeddings of the frozen text encoder (the trainer's default). */
    FROZEN("frozen"),
    /** The reference's learnable label bank over the text encoder's token states; a bundle ships its graph. */
    LEARNABLE("learnable");

    private final String wireName;

    LabelEncoderKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in flags and files: {@code frozen} or {@code learnable}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The kind named {@code value}: {@code frozen} or {@code learnable}.
     *
     * @param what names the flag or field in the error, e.g. {@code --label-encoder}
     * @throws IllegalArgumentException in one line naming {@code what}, the value and the two accepted names
     */
    public static LabelEncoderKind parse(String value, String what) {
        for (LabelEncoderKind k : values()) {
            if (k.wireName.equals(value)) return k;
        }
        throw new IllegalArgumentException(what + " must be frozen or learnable, got '" + value + "'");
    }

    /** Jackson's reader: the wire name. */
    @JsonCreator
    static LabelEncoderKind fromJson(String value) {
        return parse(value, "label_encoder");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
