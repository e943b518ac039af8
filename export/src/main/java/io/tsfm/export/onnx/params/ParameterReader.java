package io.tsfm.export.onnx.params;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads parameters for one graph build: checks each against the shape the builder expects and records what was read,
 * so a build can report the exact parameter manifest it consumed and which source parameters it left unused.
 * Not thread-safe (one build, one thread).
 */
public final class ParameterReader {

    private final ParameterSource source;
    private final Map<String, long[]> used = new LinkedHashMap<>();

    /** A reader over {@code source}. */
    public ParameterReader(ParameterSource source) {
        this.source = source;
    }

    /**
     * The parameter {@code name}, which must have exactly {@code expectedShape}.
     *
     * @throws NoSuchElementException   naming the parameter if the source lacks it
     * @throws IllegalArgumentException naming the parameter and both shapes on a shape mismatch, or when the same
     *                                  name is read twice (a builder bug that would duplicate weights)
     */
    public ParameterTensor get(String name, long... expectedShape) {
        if (used.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' read twice in one graph build");
        }
        if (!source.contains(name)) {
            throw new NoSuchElementException("missing parameter '" + name + "' of shape "
                    + Arrays.toString(expectedShape));
        }
        ParameterTensor t = source.get(name);
        if (!t.hasShape(expectedShape)) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        used.put(name, expectedShape.clone());
        return t;
    }

    /** Names and shapes read so far, in reading order. */
    public Map<String, long[]> manifest() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        used.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Source parameters not read so far. */
    public Set<String> unused() {
        Set<String> rest = new LinkedHashSet<>(source.names());
        rest.removeAll(used.keySet());
        return Collections.unmodifiableSet(rest);
    }
}
