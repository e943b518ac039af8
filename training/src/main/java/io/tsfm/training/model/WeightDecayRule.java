package io.tsfm.training.model;

import java.util.List;

/**
 * The reference's name-based AdamW grouping (spec §4.6) applied to this port's DJL parameter names: a parameter is
 * decayed unless its full name contains {@code bias, norm, LayerNorm, GroupNorm, logit_scale, mask_token,
 * pad_token} or {@code queries}. Block names are chosen so the outcome matches the reference parameter for parameter,
 * including its quirk of decaying GroupNorm weights and the PE scale (spec §9.3-8). Stateless and thread-safe.
 */
public final class WeightDecayRule {

    private static final List<String> NO_DECAY = List.of("bias", "norm", "LayerNorm", "GroupNorm", "logit_scale",
            "mask_token", "pad_token", "queries");

    private WeightDecayRule() {}

    /** Whether weight decay applies to the parameter with this full (path) name. */
    public static boolean isDecayed(String parameterName) {
        for (String s : NO_DECAY) {
            if (parameterName.contains(s)) {
                return false;
            }
        }
        return true;
    }
}
