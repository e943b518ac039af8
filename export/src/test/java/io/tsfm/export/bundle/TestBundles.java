package io.tsfm.export.bundle;

import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.training.data.ImuAugmentation;
import io.tsfm.training.run.TrainConfig;
import io.tsfm.training.run.ContrastiveTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Real micro-tier checkpoints and bundles shared by every test class of the module (one JVM): each is trained
 * in-process on hapt for a few steps with the real {@link ContrastiveTrainer}, then exported with the real
 * {@link BundleExporter}, once per JVM. Tests that alter a bundle copy it first. Thread-safe (synchronized).
 */
final class TestBundles {

    static final DataRoot ROOT = DataRoot.resolve();
    private static final Path WORK = createWork();

    private static Dataset hapt;
    private static Trained frozen;
    private static Trained learnable;
    private static Trained amplitude;

    private TestBundles() {}

    /** The real hapt dataset, read once. */
    static synchronized Dataset hapt() {
        if (hapt == null) {
            try {
                hapt = DatasetCatalog.load().read("hapt", ROOT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hapt;
    }

    /** A trained checkpoint and the bundle exported from it. */
    record Trained(Path checkpoint, Path bundle, BundleExporter.Result export, String exportLog) {}

    /** Frozen label encoder (MiniLM sentence embeddings), two short epochs. */
    static synchronized Trained frozen() {
        if (frozen == null) frozen = trainAndExport("frozen", 2, 256);
        return frozen;
    }

    /** Learnable label bank, a handful of steps (its labels stay distinct this early; see the class comment). */
    static synchronized Trained learnable() {
        if (learnable == null) learnable = trainAndExport("learnable", 1, 64);
        return learnable;
    }

    /**
     * Amplitude features on, trained with every device augmentation (orientation, gravity removal, description
     * dropout), two short epochs.
     */
    static synchronized Trained amplitude() {
        if (amplitude == null) {
            amplitude = trainAndExport("amplitude", config(WORK.resolve("amplitude").resolve("run"), "frozen", 2, 256)
                    .optAmplitudeStats(true).optAugmentation(new ImuAugmentation(0.5, 0.5, 0.5, 0)));
        }
        return amplitude;
    }

    /** The training configuration the fixtures use, into {@code out}. */
    static TrainConfig.Builder config(Path out, String labelEncoder, int epochs, int samplesPerEpoch) {
        return TrainConfig.builder().setTier("micro").setOutDir(out).optDatasets(List.of("hapt")).optEpochs(epochs)
                .optSamplesPerEpoch(samplesPerEpoch).optBatchSize(16).optQueueSize(0).optCheckpointEvery(epochs)
                .optMaxSeconds(6).optThreads(2).optLabelEncoder(LabelEncoderKind.parse(labelEncoder, "labelEncoder")).optValidationFraction(0.01);
    }

    /** An exporter of {@code checkpoint} into {@code out} with the test settings (hapt parity, 24 windows). */
    static BundleExporter.Builder exporter(Path checkpoint, Path out, PrintStream log) {
        return BundleExporter.builder().setCheckpoint(checkpoint).setOutput(out).optDataRoot(ROOT)
                .optParityDatasets(List.of("hapt")).optParityWindows(24).optLog(log);
    }

    private static Trained trainAndExport(String labelEncoder, int epochs, int samples) {
        return trainAndExport(labelEncoder, config(WORK.resolve(labelEncoder).resolve("run"), labelEncoder, epochs,
                samples));
    }

    private static Trained trainAndExport(String name, TrainConfig.Builder config) {
        try {
            Path dir = WORK.resolve(name);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(log, true);
            ContrastiveTrainer.Result r = new ContrastiveTrainer(config.build(), ROOT, ps).run();
            ByteArrayOutputStream exportLog = new ByteArrayOutputStream();
            BundleExporter.Result e = exporter(r.finalCheckpoint(), dir.resolve("bundle"),
                    new PrintStream(exportLog, true)).build().export();
            return new Trained(r.finalCheckpoint(), e.bundle(), e, exportLog.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code bundle} in {@code dir} (for tests that tamper with it). */
    static Path copy(Path bundle, Path dir) throws IOException {
        Path out = dir.resolve("bundle-copy");
        Files.createDirectories(out);
        try (var s = Files.list(bundle)) {
            for (Path p : s.toList()) Files.copy(p, out.resolve(p.getFileName()));
        }
        return out;
    }

    private static Path createWork() {
        try {
            Path w = Files.createTempDirectory("tsfm-bundle-tests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var s = Files.walk(w)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: the OS temp folder is cleaned eventually
                }
            }));
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
