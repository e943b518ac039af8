package io.tsfm.training.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.LabelEncoderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a checkpoint came from: its {@code provenance.json}, typed, written and read only through this class so every
 * key has one spelling (the three the serving runtime needs are {@link BundleLayout}'s). A field is null when the file
 * does not say (older and hand-made checkpoints say less); readers decide what they require. Unknown keys are ignored
 * on reading; {@link #readTree} gives the file as it is, for copying it whole into a bundle.
 *
 * @param tier                  model tier name
 * @param datasets              training datasets with their session counts (the bundle vocabulary's datasets)
 * @param trainSessions         training sessions
 * @param validationSessions    validation sessions
 * @param heldOutSubjects       per dataset, the subjects validation held out
 * @param labelVocabularySha256 hash of the label vocabulary trained against
 * @param textModel             the text encoder's model id
 * @param textMaxTokens         the text encoder's truncation length
 * @param labelEncoder          where the label embeddings come from
 * @param seed                  the run's seed
 * @param gitCommit             the code's commit ({@code -dirty} with local changes, {@code unknown} without git)
 * @param epochsDone            epochs trained
 * @param trainConfig           the run's {@link TrainConfig} as JSON fields
 * @param created               when the checkpoint was written (ISO-8601)
 * @param java                  the JVM version
 * @param engine                the DJL engine and its version
 * @param validation            the last validation's figures, by name
 * @param note                  a free remark (untrained checkpoints say so)
 * @param averagedFrom          the checkpoints whose parameters were averaged, uniformly, into this one
 *                              ({@link CheckpointAverage}); null for a checkpoint a run wrote
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointProvenance(
        @JsonProperty("tier") String tier,
        @JsonProperty(CheckpointProvenance.DATASETS) Map<String, Integer> datasets,
        @JsonProperty("train_sessions") Integer trainSessions,
        @JsonProperty("validation_sessions") Integer validationSessions,
        @JsonProperty(CheckpointProvenance.HELD_OUT_SUBJECTS) Map<String, List<String>> heldOutSubjects,
        @JsonProperty("label_vocabulary_sha256") String labelVocabularySha256,
        @JsonProperty(BundleLayout.PROVENANCE_TEXT_MODEL) String textModel,
        @JsonProperty(BundleLayout.PROVENANCE_TEXT_MAX_TOKENS) Integer textMaxTokens,
        @JsonProperty(BundleLayout.PROVENANCE_LABEL_ENCODER) LabelEncoderKind labelEncoder,
        @JsonProperty("seed") Long seed,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("epochs_done") Integer epochsDone,
        @JsonProperty("train_config") Map<String, Object> trainConfig,
        @JsonProperty("created") String created,
        @JsonProperty("java") String java,
        @JsonProperty("engine") String engine,
        @JsonProperty("validation") Map<String, Double> validation,
        @JsonProperty("note") String note,
        @JsonProperty("averaged_from") List<String> averagedFrom) {

    /**
     * Key of the training datasets; a bundle's manifest carries it too (as compact JSON), read by whoever needs to
     * know which datasets are not zero-shot tests of the model.
     */
    public static final String DATASETS = "datasets";
    /** Key of the held-out subjects; a bundle's manifest carries it too (as compact JSON). */
    public static final String HELD_OUT_SUBJECTS = "held_out_subjects";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code dir/provenance.json}. */
    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(Checkpoint.PROVENANCE).toFile(), this);
    }

    /**
     * Reads {@code checkpoint/provenance.json}.
     *
     * @throws IOException naming the file when it is missing, not JSON, or a field has the wrong type or value
     */
    public static CheckpointProvenance read(Path checkpoint) throws IOException {
        Path p = checkpoint.resolve(Checkpoint.PROVENANCE);
        if (!Files.isRegularFile(p)) throw new IOException("checkpoint " + checkpoint + " has no " + Checkpoint.PROVENANCE);
        try {
            CheckpointProvenance out = JSON.readValue(p.toFile(), CheckpointProvenance.class);
            if (out == null) throw new IOException(p + " is not a JSON object");
            return out;
        } catch (JsonProcessingException e) {
            throw new IOException(p + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #read} when the checkpoint has a {@code provenance.json}, else empty. */
    public static Optional<CheckpointProvenance> readIfPresent(Path checkpoint) throws IOException {
        return Files.isRegularFile(checkpoint.resolve(Checkpoint.PROVENANCE)) ? Optional.of(read(checkpoint))
                : Optional.empty();
    }

    /** The file as it is, every key kept (for copying it whole into a bundle's manifest). */
    public static JsonNode readTree(Path checkpoint) throws IOException {
        Path p = checkpoint.resolve(Checkpoint.PROVENANCE);
        if (!Files.isRegularFile(p)) throw new IOException("checkpoint " + checkpoint + " has no " + Checkpoint.PROVENANCE);
        JsonNode n = JSON.readTree(p.toFile());
        if (n == null || !n.isObject()) throw new IOException(p + " is not a JSON object");
        return n;
    }

    /**
     * This provenance for the uniform mean of {@code inputs} (this one the last of them): the same training, written
     * now by this code, its validation figures left out (the mean has not been validated by its inputs' figures).
     */
    CheckpointProvenance averageOf(List<String> inputs) {
        return new CheckpointProvenance(tier, datasets, trainSessions, validationSessions, heldOutSubjects,
                labelVocabularySha256, textModel, textMaxTokens, labelEncoder, seed, currentGitCommit(), epochsDone,
                trainConfig, Instant.now().toString(), System.getProperty("java.version"), engine, null,
                "uniform mean of the parameters of " + inputs.size() + " checkpoints", List.copyOf(inputs));
    }

    /** {@code tsfm.git.commit} if set (the launcher sets it), else {@code git rev-parse HEAD}, else "unknown". */
    static String currentGitCommit() {
        String p = System.getProperty("tsfm.git.commit");
        if (p != null && !p.isBlank()) return p;
        try {
            Process proc = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of(".").toFile())
                    .redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes()).trim();
            if (proc.waitFor(5, TimeUnit.SECONDS) && proc.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                String dirty = new String(new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .start().getInputStream().readAllBytes()).isBlank() ? "" : "-dirty";
                return out + dirty;
            }
        } catch (Exception e) {
            // no git here: provenance says so below
        }
        return "unknown";
    }
}
