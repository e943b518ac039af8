package io.tsfm.job.metrics;

import io.tsfm.core.annotation.Internal;
import io.tsfm.job.decode.Rejection;
import io.tsfm.schemas.avro.DeadLetterReason;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters by reason ({@code deadLetters.<reason>}) on their way to the dead-letter sink, where the
 * rejections of every stage meet; passes them through unchanged.
 */
@Internal
public final class DeadLetterCounter extends RichMapFunction<Rejection, Rejection> {

    private static final long serialVersionUID = 1L;

    private transient Map<DeadLetterReason, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("deadLetters");
        counters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            counters.put(r, group.counter(r.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public Rejection map(Rejection r) {
        counters.get(r.deadLetterReason()).inc();
        return r;
    }
}
