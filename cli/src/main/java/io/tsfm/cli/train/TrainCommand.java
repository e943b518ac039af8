package io.tsfm.cli.train;

import io.tsfm.cli.DataRootOption;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.training.data.ImuAugmentation;
import io.tsfm.training.data.SamplingBalance;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.TrainConfig;
import io.tsfm.training.run.ContrastiveTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm train}: contrastive training of a TSFM tier on the training datasets. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a TSFM tier contrastively (spec §4) on the training datasets; zero-shot test sets are never read.",
            "Writes checkpoints, metrics.jsonl, curves.png and embedding maps under --out."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--tier", required = true, description = "Model tier: micro, mini (CPU tiers), tiny, small, small_deep, medium, large.")
    String tier;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--epochs", description = "Epochs to run (default ${DEFAULT-VALUE}).", defaultValue = "100")
    int epochs;

    @Option(names = "--minutes", description = "Wall-clock budget in minutes instead of a number of epochs.")
    double minutes;

    @Option(names = "--datasets", split = ",", description = "Training datasets (default: hapt,hmp,utd_mhad).")
    List<String> datasets = List.of("hapt", "hmp", "utd_mhad");

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (gpu is read as cuda) (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch-size", defaultValue = "32", description = "Micro-batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--accumulate", defaultValue = "1", description = "Micro-batches per optimizer step (default ${DEFAULT-VALUE}).")
    int accumulate;

    @Option(names = "--lr", description = "Peak learning rate (default: 1e-3 for micro and mini, 8e-5 otherwise).")
    double lr = -1;

    @Option(names = "--queue", defaultValue = "512", description = "Memory-bank rows, 0 to disable (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--samples-per-epoch", description = "Samples per epoch (default: size of the training split).")
    int samplesPerEpoch;

    @Option(names = "--max-seconds", defaultValue = "12", description = "Longest training window in seconds (default ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--checkpoint-every", defaultValue = "5", description = "Checkpoint every N epochs (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Resume from a checkpoint directory.")
    Path resume;

    @Option(names = "--init", paramLabel = "CHECKPOINT", description = "Start a new run from a checkpoint's parameters "
            + "only (a shipped model's, e.g. models/tsfm-mini.checkpoint): fresh optimizer state, memory bank and "
            + "schedule; --epochs counts this run's epochs, numbered on from the checkpoint's.")
    Path init;

    @Option(names = "--label-encoder", defaultValue = "frozen",
            description = "learnable (reference label bank) or frozen (mean-pooled MiniLM embeddings) (default ${DEFAULT-VALUE}).")
    String labelEncoder;

    @Option(names = "--amplitude", description = "Give the network each patch's mean and scale (what the per-patch "
            + "z-score removes): it can then see gravity's direction and a movement's intensity.")
    boolean amplitude;

    @Option(names = "--rotate", defaultValue = "0", paramLabel = "P",
            description = "Probability of a random SO(3) orientation per training sample, one per body position "
                    + "(default ${DEFAULT-VALUE}).")
    double rotate;

    @Option(names = "--remove-gravity", defaultValue = "0", paramLabel = "P",
            description = "Probability of removing gravity from a sample's accelerometers (0.3 Hz zero-phase low-pass), "
                    + "with channel text saying so (default ${DEFAULT-VALUE}).")
    double removeGravity;

    @Option(names = "--description-dropout", defaultValue = "0", paramLabel = "P",
            description = "Probability of leaving the dataset description out of a sample's channel text "
                    + "(default ${DEFAULT-VALUE}).")
    double descriptionDropout;

    @Option(names = "--max-sites", defaultValue = "0", paramLabel = "N",
            description = "A sample with sensors at more body positions keeps 1..N random ones (default ${DEFAULT-VALUE}: all).")
    int maxSites;

    @Option(names = "--balance", defaultValue = "groups", paramLabel = "groups|datasets",
            description = "What the sampler balances: synonym groups over the training split (the reference), or "
                    + "datasets (each an equal share, groups balanced inside it) (default ${DEFAULT-VALUE}).")
    String balance;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        TsfmConfig.tier(tier); // unknown tiers fail here, before any data is read
        TrainConfig cfg = TrainConfig.builder().setTier(tier).setOutDir(out).optDatasets(datasets).optEpochs(epochs)
                .optMinutes(minutes).optDevice(ExecutionDevice.parse(device, "--device")).optBatchSize(batchSize).optAccumulation(accumulate)
                .optLearningRate(lr).optQueueSize(queue).optSamplesPerEpoch(samplesPerEpoch).optMaxSeconds(maxSeconds)
                .optCheckpointEvery(checkpointEvery).optSeed(seed).optThreads(threads).optResume(resume).optInit(init)
                .optLabelEncoder(LabelEncoderKind.parse(labelEncoder, "--label-encoder")).optAmplitudeStats(amplitude)
                .optAugmentation(new ImuAugmentation(rotate, removeGravity, descriptionDropout, maxSites))
                .optBalance(SamplingBalance.parse(balance, "--balance")).build();
        ContrastiveTrainer.Result r = new ContrastiveTrainer(cfg, rootOption.resolve(), System.err).run();
        System.out.printf(Locale.ROOT, "trained %d epochs at %.1f samples/s; loss %.4f -> %.4f; validation zero-shot closed-set "
                        + "accuracy %.3f, macro-F1 %.3f (chance %.3f)%nfinal checkpoint: %s%n",
                r.epochs(), r.samplesPerSecond(), r.firstLoss(), r.lastLoss(), r.valAccuracy(), r.valMacroF1(), r.chance(),
                r.finalCheckpoint());
        return 0;
    }
}
