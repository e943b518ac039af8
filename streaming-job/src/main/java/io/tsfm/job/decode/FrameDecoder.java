package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.time.Clocks;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.DeadLetterReason;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of one frames-topic record into a {@link Frame} or a {@link Rejection}; never throws on data.
 *
 * <p>Beyond the wire rules {@link WireFormat#IMU_FRAME} enforces (header, schema fingerprint, body, ids, positive
 * finite rate, sample count a multiple of the channel count, inline layout with exactly channelCount channels), it
 * rejects what the job cannot window: non-finite samples (the windowing fills gaps only between whole frames, so a
 * frame with holes must be sent as the frames around the holes), inline layouts with units of no known sensor kind,
 * and frames ending further than {@code maxFutureMicros} ahead of the job's clock (a broken clock, not a skewed one:
 * event time is per device, so a device minutes ahead is windowed on its own time and harms nobody). Stateless apart from its settings; thread-safe.
 */
@Internal
public final class FrameDecoder implements RecordDecoder {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LISTED = 5;

    private final long maxFutureMicros;

    /** @param maxFutureMicros how far a frame's end may lie ahead of the wall clock; must be positive */
    public FrameDecoder(long maxFutureMicros) {
        if (maxFutureMicros <= 0) {
            throw new IllegalArgumentException("max future must be positive, got " + maxFutureMicros + " us");
        }
        this.maxFutureMicros = maxFutureMicros;
    }

    /** Decodes and validates {@code record} against the job's wall clock. */
    @Override
    public Decoded decode(SourceRecord record) {
        return decode(record, Clocks.nowMicros());
    }

    /** Decodes and validates {@code record} against the wall clock {@code nowMicros}. */
    public Decoded decode(SourceRecord record, long nowMicros) {
        ImuFrame wire;
        try {
            wire = WireFormat.IMU_FRAME.decode(record.value() == null ? new byte[0] : record.value());
        } catch (WireFormatException e) {
            return Decoded.of(Rejection.of(record, e.deadLetterReason(), e.getMessage()));
        } catch (RuntimeException e) {
            // the wire format promises WireFormatException only; anything else is still this record's fault
            return Decoded.of(Rejection.of(record, DeadLetterReason.MALFORMED, "ImuFrame: " + e));
        }
        String at = "ImuFrame from device '" + wire.getDeviceId() + "' #" + wire.getSequence() + ": ";
        int channels = wire.getChannelCount();
        float[] rowMajor = ImuFrames.samples(wire);
        LayoutSpec inline = null;
        String layoutId;
        if (wire.getLayout() instanceof ChannelLayout layout) {
            layoutId = layout.getLayoutId();
            try {
                inline = layoutSpec(layout);
            } catch (IllegalArgumentException e) {
                return Decoded.of(Rejection.of(record, DeadLetterReason.INVALID_RECORD, at + e.getMessage()));
            }
        } else {
            layoutId = ((io.tsfm.schemas.avro.LayoutRef) wire.getLayout()).getLayoutId();
        }
        String nonFinite = nonFinite(rowMajor, channels, inline);
        if (nonFinite != null) {
            return Decoded.of(Rejection.of(record, DeadLetterReason.INVALID_RECORD, at + nonFinite));
        }
        int steps = rowMajor.length / channels;
        float[][] samples = new float[channels][steps];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < channels; c++) {
                samples[c][t] = rowMajor[t * channels + c];
            }
        }
        Long sentAt = wire.getSentAtEpochMicros();
        Frame frame = new Frame(wire.getDeviceId(), wire.getSequence(), wire.getFirstSampleEpochMicros(),
                wire.getSampleRateHz(), samples, layoutId, inline,
                sentAt != null ? sentAt : record.timestampMillis() * 1000L, record);
        long end = frame.endMicros();
        if (end - nowMicros > maxFutureMicros) {
            return Decoded.of(Rejection.of(record, DeadLetterReason.INVALID_RECORD, at
                    + "ImuFrame.firstSampleEpochMicros: the frame ends at " + end + " us, "
                    + String.format(java.util.Locale.ROOT, "%.3f", (end - nowMicros) / 1e6)
                    + " s ahead of the job's clock (limit " + maxFutureMicros / 1e6 + " s)"));
        }
        return Decoded.of(frame);
    }

    private static LayoutSpec layoutSpec(ChannelLayout layout) {
        List<ChannelSpec> specs = layout.getChannels();
        String[] names = new String[specs.size()];
        String[] descriptions = new String[specs.size()];
        float[] factors = new float[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            ChannelSpec c = specs.get(i);
            names[i] = c.getName();
            descriptions[i] = c.getDescription();
            try {
                factors[i] = (float) ChannelUnits.toCanonical(c.getUnit());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ImuFrame.layout<ChannelLayout>.channels[" + i + "].unit ('"
                        + c.getName() + "'): " + e.getMessage(), e);
            }
        }
        return new LayoutSpec(layout.getLayoutId(), names, descriptions, factors);
    }

    /** Null when every sample is finite, else which ones are not (the first few, by time step and channel). */
    private static String nonFinite(float[] rowMajor, int channels, LayoutSpec layout) {
        List<String> bad = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Float.isFinite(rowMajor[i])) {
                count++;
                if (bad.size() < MAX_LISTED) {
                    int c = i % channels;
                    bad.add("samples[" + i + "] (time step " + i / channels + ", channel " + c
                            + (layout != null ? " '" + layout.names()[c] + "'" : "") + ") is " + rowMajor[i]);
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return "ImuFrame." + String.join("; ", bad) + (count > bad.size() ? "; and " + (count - bad.size())
                + " more" : "") + " (" + count + " of " + rowMajor.length
                + " values not finite: the job does not accept missing values inside a frame)";
    }
}
