package io.tsfm.benchmark.baseline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a saved baseline was trained on ({@code checkpoint.json} beside the model), so the benchmark can refuse a
 * checkpoint that does not match the windows and split it is about to score.
 *
 * @param baseline           baseline name ({@code rf})
 * @param dataset            test dataset
 * @param metric             {@code sup1} or {@code sup10}
 * @param labelRate          the labelled fraction (0.01 or 0.1)
 * @param splitSeed          the split's seed
 * @param windows            the dataset's window count when trained
 * @param labels             the dataset's sorted labels
 * @param labelledWindows    how many windows it was trained on
 * @param labelledSha256     SHA-256 of the labelled window keys, in order
 * @param features           feature names, in order
 * @param params             hyper-parameters, as text
 * @param library            the library and version that trained it
 * @param modelFile          the model file, relative to the checkpoint
 * @param modelSha256        SHA-256 of the model file
 * @param trainSeconds       wall seconds of training
 * @param createdAt          ISO-8601 time of training
 */
public record BaselineCheckpoint(
        @JsonProperty("baseline") String baseline,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("metric") String metric,
        @JsonProperty("label_rate") double labelRate,
        @JsonProperty("split_seed") long splitSeed,
        @JsonProperty("windows") int windows,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("labelled_windows") int labelledWindows,
        @JsonProperty("labelled_sha256") String labelledSha256,
        @JsonProperty("features") List<String> features,
        @JsonProperty("params") String params,
        @JsonProperty("library") String library,
        @JsonProperty("model_file") String modelFile,
        @JsonProperty("model_sha256") String modelSha256,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("created_at") String createdAt) {
}
