package io.tsfm.datasets.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference facts of one seed dataset, from the resource {@code facts/<name>.json} (copied verbatim
 * from the reference's {@code datasets.json}): the dataset description and channel descriptions, which are
 * model inputs and must not drift, and the activity labels the reader emits. Immutable and thread-safe.
 */
public final class SeedFacts {
    private final String name;
    private final String displayName;
    private final String description;
    private final double rateHz;
    private final List<String> activities;
    private final Map<String, String> channelDescriptions;

    private SeedFacts(String name, String displayName, String description, double rateHz, List<String> activities,
                      Map<String, String> channelDescriptions) {
        this.name = name;
        this.displayName = displayName;
        this.description = description;
        this.rateHz = rateHz;
        this.activities = List.copyOf(activities);
        this.channelDescriptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(channelDescriptions));
    }

    /** Loads the facts of dataset {@code name}. */
    public static SeedFacts load(String name) {
        String res = "facts/" + name + ".json";
        try (InputStream in = SeedFacts.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing resource io/tsfm/core/data/seed/" + res);
            JsonNode n = new ObjectMapper().readTree(in);
            List<String> acts = new ArrayList<>();
            for (JsonNode a : n.get("activities")) acts.add(a.asText());
            Map<String, String> ch = new LinkedHashMap<>();
            for (JsonNode c : n.get("channels")) ch.put(c.get("name").asText(), c.get("description").asText());
            return new SeedFacts(n.get("name").asText(), n.get("display_name").asText(),
                    n.get("dataset_description").asText(), n.get("sampling_rate_hz").asDouble(), acts, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("reading io/tsfm/core/data/seed/" + res, e);
        }
    }

    public String name() { return name; }
    public String displayName() { return displayName; }
    /** The dataset description given to the model. */
    public String description() { return description; }
    /** The dataset's sampling rate as the reference states it. */
    public double rateHz() { return rateHz; }
    /** The reference's activity labels, sorted. */
    public List<String> activities() { return activities; }
    /** Channel name → the reference's description of it, in the reference's order. */
    public Map<String, String> channelDescriptions() { return channelDescriptions; }

    /** A channel in the canonical unit of its kind, described as the reference describes it. */
    public Channel channel(String channel, SensorKind kind, String axis, String position) {
        return channel(channel, kind, axis, kind.canonicalUnit(), position);
    }

    /** A channel with an explicit unit (for values kept as published, e.g. uncalibrated magnetometers). */
    public Channel channel(String channel, SensorKind kind, String axis, String unit, String position) {
        String d = channelDescriptions.get(channel);
        if (d == null) throw new IllegalStateException(name + ": no reference description for channel " + channel);
        return new Channel(channel, kind, axis, unit, position, d);
    }

    /** The channels {@code <prefix>_x}, {@code _y}, {@code _z} of one triaxial sensor, in canonical units. */
    public List<Channel> triaxial(String prefix, SensorKind kind, String position) {
        return triaxial(prefix, kind, kind.canonicalUnit(), position);
    }

    /** The channels {@code <prefix>_x}, {@code _y}, {@code _z} of one triaxial sensor, with an explicit unit. */
    public List<Channel> triaxial(String prefix, SensorKind kind, String unit, String position) {
        return List.of(channel(prefix + "_x", kind, "x", unit, position),
                channel(prefix + "_y", kind, "y", unit, position),
                channel(prefix + "_z", kind, "z", unit, position));
    }

    /** Checks that {@code label} is one of the reference's activities (guards the readers' tables). */
    String activity(String label) {
        if (!activities.contains(label)) throw new IllegalStateException(name + ": '" + label + "' is not a reference activity");
        return label;
    }
}
