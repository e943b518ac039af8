package io.tsfm.training.model.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which per-(patch, channel) feature extractor a tier uses (spec §3.2). */
public enum FeatureExtractorType {
    /** Conv blocks → global average → Linear(64→D) → GELU → Dropout (Small tier). */
    CNN("cnn"),
    /** Conv temporal branch (D − D_s) concatenated with a DFT-magnitude spectral branch (D_s). */
    SPECTRAL_TEMPORAL("spectral_temporal");

    private final String jsonName;

    FeatureExtractorType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The reference's config string. */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses the reference's config string. */
    @JsonCreator
    public static FeatureExtractorType fromJson(String name) {
        for (FeatureExtractorType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("feature_extractor_type must be 'cnn' or 'spectral_temporal', got '"
                + name + "'");
    }
}
