package io.tsfm.export.onnx.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A {@link ParameterSource} over an in-memory map, filled through its builder. Immutable once built and thread-safe.
 */
public final class MapParameterSource implements ParameterSource {

    private final Map<String, ParameterTensor> params;

    private MapParameterSource(Map<String, ParameterTensor> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A builder; add parameters with {@link Builder#put}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ParameterTensor get(String name) {
        ParameterTensor t = params.get(name);
        if (t == null) {
            throw new NoSuchElementException("no parameter named '" + name + "' (" + params.size()
                    + " parameters available)");
        }
        return t;
    }

    @Override
    public boolean contains(String name) {
        return params.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return params.keySet();
    }

    /** Builder for {@link MapParameterSource}. */
    public static final class Builder {
        private final Map<String, ParameterTensor> params = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a parameter; a repeated name is an error. */
        public Builder put(String name, ParameterTensor tensor) {
            if (params.putIfAbsent(name, tensor) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' added twice");
            }
            return this;
        }

        /** Adds a parameter from values and shape. */
        public Builder put(String name, float[] data, long... shape) {
            return put(name, new ParameterTensor(data, shape));
        }

        /** Builds the source. */
        public MapParameterSource build() {
            return new MapParameterSource(params);
        }
    }
}
