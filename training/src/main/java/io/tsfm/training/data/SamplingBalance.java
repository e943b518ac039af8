package io.tsfm.training.data;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the training sampler balances, as the trainer's {@code --balance} flag and a run's provenance name it
 * ({@link #wireName()}).
 */
public enum SamplingBalance {
    /** Synonym groups over the whole training split (spec §4.4): a dataset's share follows its number of groups. */
    GROUPS("groups"),
    /**
     * Each training dataset an equal share of the samples, synonym groups balanced inside it: the share the
     * validation metric (a mean over datasets) gives each dataset.
     */
    DATASETS("datasets");

    private final String wireName;

    SamplingBalance(String wireName) {
        this.wireName = wireName;
    }

    /** The name in flags and files. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The balance named {@code value}.
     *
     * @param what names the flag or field in the error, e.g. {@code --balance}
     * @throws IllegalArgumentException in one line naming {@code what}, the value and the accepted names
     */
    public static SamplingBalance parse(String value, String what) {
        for (SamplingBalance b : values()) {
            if (b.wireName.equals(value)) return b;
        }
        throw new IllegalArgumentException(what + " must be groups or datasets, got '" + value + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
