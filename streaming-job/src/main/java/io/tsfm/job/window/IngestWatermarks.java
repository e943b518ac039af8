package io.tsfm.job.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.job.decode.Decoded;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of how far the frames topic has been read, in Kafka time, not event time: the frames' Kafka record
 * timestamps (capped at the wall clock, so a producer whose clock runs ahead cannot push them), and — once a split has
 * had no record for the idle timeout on Flink's input-activity clock, which stands still while the source is
 * back-pressured — the wall clock less the timeout, since a caught-up split can only bring newer records.
 *
 * <p>Devices' windows never fire on these (event time is per device, in {@link DeviceWindower}); they tell the
 * windower when a silent device's frames can no longer be on their way: a device is idle once this watermark passes
 * its last frame's Kafka time plus the timeout. A backlog, back-pressure or a restore thus holds it back, where a plain
 * processing-time timeout would close windows whose frames are still in Kafka.
 */
@Internal
public final class IngestWatermarks implements WatermarkGenerator<Decoded> {

    private final long idleMillis;
    private final RelativeClock activity;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastActive;
    private long emitted = Long.MIN_VALUE;

    IngestWatermarks(long idleMillis, RelativeClock activity) {
        this.idleMillis = idleMillis;
        this.activity = activity;
        this.lastActive = activity.relativeTimeMillis();
    }

    /** The frames source's strategy: Kafka time capped at the wall clock, idle splits advanced by the wall clock. */
    public static WatermarkStrategy<Decoded> strategy(long idleMillis) {
        return WatermarkStrategy.<Decoded>forGenerator(ctx -> new IngestWatermarks(idleMillis,
                        ctx.getInputActivityClock()))
                .withTimestampAssigner((SerializableTimestampAssigner<Decoded>) (d, kafkaMillis) ->
                        Math.min(kafkaMillis, System.currentTimeMillis()));
    }

    @Override
    public void onEvent(Decoded event, long timestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        lastActive = activity.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long w = maxTimestamp;
        if (idleMillis > 0 && activity.relativeTimeMillis() - lastActive >= idleMillis) {
            w = Math.max(w, System.currentTimeMillis() - idleMillis);
        }
        if (w > emitted) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
        }
    }
}
