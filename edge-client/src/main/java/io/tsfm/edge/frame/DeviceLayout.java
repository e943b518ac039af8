package io.tsfm.edge.frame;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Units;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The channel layout a device's frames follow: per column the channel's name, unit and model-input description.
 * Samples in edge frames are always in the canonical unit of each channel's kind (what every dataset reader and the
 * CSV source produce), so the layout states that unit and the job's unit conversion is the identity.
 *
 * <p>The id is derived from the content ({@code "L"} and 16 hex digits of a SHA-256), so identical layouts share
 * an id across devices and runs, and a changed layout gets a new one. Immutable and thread-safe.
 *
 * @param layoutId id frames reference the layout by
 * @param channels channels in column order, units canonical
 */
@PublicApi
public record DeviceLayout(String layoutId, List<Channel> channels) {

    public DeviceLayout {
        Objects.requireNonNull(layoutId, "layoutId");
        channels = List.copyOf(channels);
        if (channels.isEmpty()) throw new IllegalArgumentException("layout " + layoutId + " has no channels");
    }

    /** The layout of channels whose samples are in canonical units, with its content-derived id. */
    public static DeviceLayout of(List<Channel> channels) {
        List<Channel> canonical = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            canonical.add(new Channel(c.name(), c.kind(), c.axis(), Units.statedCanonical(c.kind()), c.position(), c.description()));
        }
        StringBuilder text = new StringBuilder();
        for (Channel c : canonical) {
            text.append(c.name()).append('\u0001').append(c.unit()).append('\u0001').append(c.description()).append('\u0002');
        }
        return new DeviceLayout("L" + sha256(text.toString()).substring(0, 16), canonical);
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** The model-input description of every channel, in column order. */
    public List<String> descriptions() {
        List<String> out = new ArrayList<>(channels.size());
        for (Channel c : channels) out.add(c.description());
        return out;
    }

    /** The layout as the wire's inline {@code ChannelLayout}. */
    public ChannelLayout toWire() {
        List<ChannelSpec> specs = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            specs.add(new ChannelSpec(c.name(), c.unit(), c.description()));
        }
        return new ChannelLayout(layoutId, specs);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
