package io.tsfm.training.run;

import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelEncoderKind;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run does. Built with {@link #builder()}: {@code setX} required, {@code optX} optional.
 *
 * @param tier             model tier name
 * @param outDir           where checkpoints, metrics and plots go
 * @param datasets         training datasets (never a zero-shot test set)
 * @param epochs           epochs to run (ignored when {@code minutes > 0})
 * @param minutes          wall-clock budget; the run stops after the epoch that crosses it
 * @param batchSize        micro-batch size
 * @param accumulation     micro-batches per optimizer step
 * @param learningRate     peak learning rate
 * @param weightDecay      AdamW weight decay of the decayed group
 * @param warmupEpochs     linear warm-up epochs
 * @param queueSize        memory-bank rows (0 disables it)
 * @param maxSeconds       longest window fed to the model (longer sessions are cropped)
 * @param minCropSeconds   shortest training crop
 * @param samplesPerEpoch  samples per epoch (0: the training split's size)
 * @param validationFraction fraction of each dataset's subjects held out
 * @param checkpointEvery  write a checkpoint every N epochs (and at the end)
 * @param seed             seed of every random choice
 * @param device           where the network trains ({@link ExecutionDevice#CUDA}: the engine's first GPU)
 * @param threads          intra-op threads (0: leave to the engine)
 * @param resume           checkpoint directory to resume from, or null
 * @param init             checkpoint directory whose parameters only start the run (a shipped model's checkpoint:
 *                         fresh optimizer, memory bank and schedule), or null; never with {@code resume}
 * @param textMaxTokens    text-encoder truncation for channel descriptions and labels
 * @param labelEncoder     learnable (the reference's label bank) or frozen (mean-pooled MiniLM sentence embeddings)
 * @param amplitudeStats   whether the model reads per-patch amplitude features ({@code TsfmConfig#isUseAmplitudeStats})
 * @param augmentation     device augmentations of training samples (orientation, gravity removal, description
 *                         dropout, site subsets)
 * @param balance          what the sampler balances: synonym groups over the split, or datasets
 */
public record TrainConfig(String tier, Path outDir, List<String> datasets, int epochs, double minutes, int batchSize,
                          int accumulation, double learningRate, double weightDecay, int warmupEpochs, int queueSize,
                          double maxSeconds, double minCropSeconds, int samplesPerEpoch, double validationFraction,
                          int checkpointEvery, long seed, ExecutionDevice device, int threads, Path resume,
                          Path init, int textMaxTokens, LabelEncoderKind labelEncoder, boolean amplitudeStats,
                          io.tsfm.training.data.ImuAugmentation augmentation,
                          io.tsfm.training.data.SamplingBalance balance) {

    /** The model configuration a run of this config trains: its tier, with the amplitude features if asked. */
    public io.tsfm.training.model.config.TsfmConfig modelConfig() {
        io.tsfm.training.model.config.TsfmConfig c = io.tsfm.training.model.config.TsfmConfig.tier(tier);
        return amplitudeStats ? c.toBuilder().optUseAmplitudeStats(true).build() : c;
    }

    /** Whether label embeddings are the frozen mean-pooled text embeddings instead of the learnable label bank. */
    public boolean frozenLabels() {
        return labelEncoder == LabelEncoderKind.FROZEN;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults documented in {@code docs/training.md}. */
    public static final class Builder {
        private String tier;
        private Path outDir;
        private List<String> datasets = List.of("hapt", "hmp", "utd_mhad");
        private int epochs = 100;
        private double minutes;
        private int batchSize = 32;
        private int accumulation = 1;
        private double learningRate = -1;
        private double weightDecay = 1e-5;
        private int warmupEpochs = 3;
        private int queueSize = 512;
        private double maxSeconds = 12;
        private double minCropSeconds = 3;
        private int samplesPerEpoch;
        private double validationFraction = 0.2;
        private int checkpointEvery = 5;
        private long seed = 42;
        private ExecutionDevice device = ExecutionDevice.CPU;
        private int threads;
        private Path resume;
        private Path init;
        private int textMaxTokens = 128;
        private LabelEncoderKind labelEncoder = LabelEncoderKind.FROZEN;
        private boolean amplitudeStats;
        private io.tsfm.training.data.ImuAugmentation augmentation = io.tsfm.training.data.ImuAugmentation.NONE;
        private io.tsfm.training.data.SamplingBalance balance = io.tsfm.training.data.SamplingBalance.GROUPS;

        public Builder setTier(String v) { tier = v; return this; }
        public Builder setOutDir(Path v) { outDir = v; return this; }
        public Builder optDatasets(List<String> v) { datasets = List.copyOf(v); return this; }
        public Builder optEpochs(int v) { epochs = v; return this; }
        public Builder optMinutes(double v) { minutes = v; return this; }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optAccumulation(int v) { accumulation = v; return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optWeightDecay(double v) { weightDecay = v; return this; }
        public Builder optWarmupEpochs(int v) { warmupEpochs = v; return this; }
        public Builder optQueueSize(int v) { queueSize = v; return this; }
        public Builder optMaxSeconds(double v) { maxSeconds = v; return this; }
        public Builder optMinCropSeconds(double v) { minCropSeconds = v; return this; }
        public Builder optSamplesPerEpoch(int v) { samplesPerEpoch = v; return this; }
        public Builder optValidationFraction(double v) { validationFraction = v; return this; }
        public Builder optCheckpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optDevice(ExecutionDevice v) { device = java.util.Objects.requireNonNull(v); return this; }
        public Builder optThreads(int v) { threads = v; return this; }
        public Builder optResume(Path v) { resume = v; return this; }
        public Builder optInit(Path v) { init = v; return this; }
        public Builder optTextMaxTokens(int v) { textMaxTokens = v; return this; }
        public Builder optLabelEncoder(LabelEncoderKind v) { labelEncoder = java.util.Objects.requireNonNull(v); return this; }
        public Builder optAmplitudeStats(boolean v) { amplitudeStats = v; return this; }
        public Builder optAugmentation(io.tsfm.training.data.ImuAugmentation v) { augmentation = java.util.Objects.requireNonNull(v); return this; }

        public Builder optBalance(io.tsfm.training.data.SamplingBalance v) { balance = java.util.Objects.requireNonNull(v); return this; }

        public TrainConfig build() {
            if (tier == null || tier.isBlank()) throw new IllegalArgumentException("tier is required");
            if (outDir == null) throw new IllegalArgumentException("output directory is required");
            if (datasets.isEmpty()) throw new IllegalArgumentException("no training datasets selected");
            if (epochs < 1 && minutes <= 0) throw new IllegalArgumentException("epochs must be >= 1 (or give minutes)");
            if (batchSize < 2) throw new IllegalArgumentException("batch size must be >= 2 for a contrastive loss: " + batchSize);
            if (accumulation < 1) throw new IllegalArgumentException("accumulation must be >= 1");
            if (resume != null && init != null) {
                throw new IllegalArgumentException("--resume and --init exclude each other: resume continues a run with its "
                        + "optimizer state, init starts a new run from a checkpoint's parameters");
            }
            // micro is for tests and short runs: the reference LR is tuned for 512-sample steps over 100 epochs
            double lr = learningRate > 0 ? learningRate : tier.equals("micro") || tier.equals("mini") ? 1e-3 : 8e-5;
            return new TrainConfig(tier, outDir, datasets, epochs, minutes, batchSize, accumulation, lr, weightDecay,
                    warmupEpochs, queueSize, maxSeconds, minCropSeconds, samplesPerEpoch, validationFraction,
                    checkpointEvery, seed, device, threads, resume, init, textMaxTokens, labelEncoder, amplitudeStats,
                    augmentation, balance);
        }
    }
}
