package io.tsfm.training.data;

import io.tsfm.core.preprocess.PatchBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /**
     * The batch of {@code patches} with its channel descriptions deduplicated into rows, in first-seen order (batch
     * row by batch row, channel by channel, "[PAD]" included).
     */
    public static TrainingBatch of(PatchBatch patches, List<String> labelTexts, long[] labelIndex,
                                   List<String> rawLabels, List<String> groups, List<String> sessionIds) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        int c = patches.maxChannels();
        long[] channelIndex = new long[patches.batchSize() * c];
        for (int b = 0; b < patches.batchSize(); b++) {
            List<String> d = patches.channelDescriptions().get(b);
            for (int j = 0; j < c; j++) channelIndex[b * c + j] = rows.computeIfAbsent(d.get(j), k -> rows.size());
        }
        return new TrainingBatch(patches, List.copyOf(rows.keySet()), channelIndex, labelTexts, labelIndex, rawLabels,
                groups, sessionIds);
    }

    public int size() {
        return rawLabels.size();
    }
}
