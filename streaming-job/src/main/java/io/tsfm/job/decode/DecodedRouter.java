package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits decoded records: frames to the main output, label-set updates and rejections to side outputs
 * ({@link SideOutputs#LABEL_SETS}, {@link SideOutputs#REJECTIONS}). Stateless.
 */
@Internal
public final class DecodedRouter extends ProcessFunction<Decoded, Frame> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Decoded value, Context ctx, Collector<Frame> out) {
        if (value.frame() != null) {
            out.collect(value.frame());
        } else if (value.labelSet() != null) {
            ctx.output(SideOutputs.LABEL_SETS, value.labelSet());
        } else {
            ctx.output(SideOutputs.REJECTIONS, value.rejection());
        }
    }
}
