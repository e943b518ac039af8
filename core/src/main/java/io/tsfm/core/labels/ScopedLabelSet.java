package io.tsfm.core.labels;

/**
 * A label set as a control-topic update delivers it: an id and version, optionally scoped to some devices, with the
 * time it was issued. Implemented by the streaming job's broadcast-state entry and by the edge client's held sets,
 * so both pick a device's set with the one {@link LabelSetChoice}.
 */
public interface ScopedLabelSet {
    /** Label-set id. */
    String id();

    /** Version of that id; an update only replaces a lower version ({@link LabelSetChoice#supersedes}). */
    long version();

    /** Whether it names devices (a scoped set wins over one for every device). */
    boolean scoped();

    /** Whether it applies to {@code deviceId}. */
    boolean appliesTo(String deviceId);

    /** When the update was issued, microseconds since the epoch (the later of two equal candidates wins). */
    long issuedAtMicros();
}
