package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.LabelSetEntry;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs of the job's operators, one tag per kind so every operator files the same kind the same way. */
@Internal
public final class SideOutputs {

    /** Records to dead-letter, from decoding (bad bytes, invalid frames) and windowing (late, unknown layout). */
    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(Rejection.class));
    /** Valid label-set updates split off the control stream. */
    public static final OutputTag<LabelSetEntry> LABEL_SETS =
            new OutputTag<>("label-sets", TypeInformation.of(LabelSetEntry.class));
    /** Windows the shared windowing rule rejected (too little data, a long gap, a rate change), with the reason. */
    public static final OutputTag<RejectedWindow> REJECTED_WINDOWS =
            new OutputTag<>("rejected-windows", TypeInformation.of(RejectedWindow.class));

    private SideOutputs() {
    }
}
