package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.PublicApi;

/**
 * Settings of patch tokenisation (spec §2). Every patch is resampled to {@link #STEPS} points; that number
 * is fixed by the model (its convolution and DFT basis assume 64), so only the patch cap and the
 * standard-deviation floor are configurable. Immutable and thread-safe.
 */
@PublicApi
public final class PatchingConfig {
    /** Points every patch is resampled to (S in the spec). */
    public static final int STEPS = 64;
    /** The reference keeps the first 48 patches of a sample ({@code MAX_PATCHES_PER_SAMPLE}). */
    public static final int DEFAULT_MAX_PATCHES = 48;
    /** Floor of the per-patch standard deviation, so constant channels become zeros instead of NaN. */
    public static final double DEFAULT_STD_FLOOR = 1e-8;

    /** The reference settings: at most 48 patches, std floor 1e-8. */
    public static final PatchingConfig DEFAULT = builder().build();

    private final int maxPatches;
    private final double stdFloor;

    private PatchingConfig(Builder b) {
        this.maxPatches = b.maxPatches;
        this.stdFloor = b.stdFloor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Patches kept per window (the first ones); later patches are dropped. */
    public int maxPatches() {
        return maxPatches;
    }

    /** Lower bound applied to the population standard deviation of each patch and channel. */
    public double stdFloor() {
        return stdFloor;
    }

    @Override
    public String toString() {
        return "PatchingConfig[steps=" + STEPS + ", maxPatches=" + maxPatches + ", stdFloor=" + stdFloor + "]";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int maxPatches = DEFAULT_MAX_PATCHES;
        private double stdFloor = DEFAULT_STD_FLOOR;

        private Builder() {}

        /** Cap on the number of patches per window (default 48). */
        public Builder optMaxPatches(int maxPatches) {
            if (maxPatches < 1) {
                throw new IllegalArgumentException("maxPatches must be at least 1, got " + maxPatches);
            }
            this.maxPatches = maxPatches;
            return this;
        }

        /** Floor of the standard deviation (default 1e-8). */
        public Builder optStdFloor(double stdFloor) {
            if (!(stdFloor > 0) || Double.isInfinite(stdFloor)) {
                throw new IllegalArgumentException("stdFloor must be positive and finite, got " + stdFloor);
            }
            this.stdFloor = stdFloor;
            return this;
        }

        public PatchingConfig build() {
            return new PatchingConfig(this);
        }
    }
}
