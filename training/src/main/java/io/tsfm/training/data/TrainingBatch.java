package io.tsfm.training.data;

import io.tsfm.core.preprocess.PatchBatch;
import java.util.List;

/**
 * One micro-batch ready for the model, still as plain arrays: patches and masks, the unique channel
 * description strings with each channel's row in them, and the unique label texts with each sample's row.
 * Strings are deduplicated because the text side of the model costs per string, not per sample.
 *
 * @param patches        collated patches {@code (B,P,64,C)} with patch and channel masks
 * @param channelStrings unique channel descriptions (including "[PAD]" when padding occurred)
 * @param channelIndex   {@code (B,C)} row of {@code channelStrings} for each channel
 * @param labelTexts     unique label texts (possibly augmented)
 * @param labelIndex     {@code (B)} row of {@code labelTexts} for each sample
 * @param rawLabels      raw label of each sample
 * @param groups         synonym group of each sample
 * @param sessionIds     dataset/session id of each sample, for tracing
 */
public record TrainingBatch(PatchBatch patches, List<String> channelStrings, long[] channelIndex,
                            List<String> labelTexts, long[] labelIndex, List<String> rawLabels,
                            List<String> groups, List<String> sessionIds) {
    public int size() {
        return rawLabels.size();
    }
}
