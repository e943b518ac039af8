package io.tsfm.benchmark.finetune;

import ai.djl.Device;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.training.finetune.CheckpointModel;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The training checkpoint a model bundle was exported from, and the proof that it is: the checkpoint's network (DJL)
 * and the bundle's {@code model.onnx} (ONNX Runtime) must give the same pooled embeddings on real windows, within
 * {@link #TOLERANCE}. A bundle ships its checkpoint as the sibling folder {@code <bundle>.checkpoint} (weights only:
 * {@code config.json}, {@code params.bin}, {@code provenance.json}). Stateless and thread-safe.
 */
public final class BundleCheckpoint {
    /** Largest accepted element-wise difference of unit embeddings (export parity is ~1e-6). */
    public static final double TOLERANCE = 1e-4;

    private BundleCheckpoint() {}

    /** {@code <bundle>.checkpoint} beside the bundle, when it exists. */
    public static java.util.Optional<Path> sibling(Path bundle) {
        Path abs = bundle.toAbsolutePath().normalize();
        Path s = abs.resolveSibling(abs.getFileName() + ".checkpoint");
        return Files.isRegularFile(s.resolve(Checkpoint.CONFIG)) ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    /**
     * Checks that {@code checkpoint} is the model of {@code bundle}: same tier and label encoder, and the same pooled
     * embedding of every window within {@link #TOLERANCE}.
     *
     * @param windows a few real windows (with the bundle's patch length in their descriptions)
     * @param text    the text side for the checkpoint (the bundle's text model)
     * @return the largest element-wise difference seen
     * @throws BenchmarkException naming both folders and the difference when they are not the same model, or when the
     *                            checkpoint cannot be read
     */
    public static double verify(Path bundle, Path checkpoint, List<SensorWindow> windows, TextBank text) {
        if (windows.isEmpty()) throw new IllegalArgumentException("no windows to compare the checkpoint on");
        try {
            ModelBundle b = ModelBundle.open(bundle);
            TsfmConfig config = Checkpoint.readConfig(checkpoint);
            String tier = b.manifest().tier().name().toLowerCase(Locale.ROOT);
            if (!config.getTier().equals(tier)) {
                throw refuse(bundle, checkpoint, "the checkpoint is of tier " + config.getTier() + ", the bundle of tier "
                        + tier);
            }
            float[][] onnx = new float[windows.size()][];
            try (OnnxWindowClassifier c = OnnxWindowClassifier.builder().setBundle(bundle).optTextEncoder(text.encoder())
                    .build()) {
                List<WindowEmbedding> e = c.embed(windows);
                for (int i = 0; i < onnx.length; i++) {
                    if (!e.get(i).ok()) {
                        throw new BenchmarkException("cannot compare checkpoint and bundle on window " + e.get(i).windowId()
                                + ": " + e.get(i).error());
                    }
                    onnx[i] = e.get(i).embedding();
                }
            }
            float[][] djl;
            try (CheckpointModel m = CheckpointModel.load(checkpoint, text, Device.cpu())) {
                if (m.labelEncoder() != b.labelEncoder()) {
                    throw refuse(bundle, checkpoint, "the checkpoint's label encoder is " + m.labelEncoder()
                            + ", the bundle's " + b.labelEncoder());
                }
                djl = m.embed(windows, b.patcher(), b.patchSeconds(), 32);
            }
            double worst = 0;
            for (int i = 0; i < onnx.length; i++) {
                if (onnx[i].length != djl[i].length) {
                    throw refuse(bundle, checkpoint, "embedding widths differ (" + djl[i].length + " vs " + onnx[i].length
                            + ")");
                }
                for (int j = 0; j < onnx[i].length; j++) worst = Math.max(worst, Math.abs(onnx[i][j] - djl[i][j]));
            }
            if (!(worst <= TOLERANCE)) {
                throw refuse(bundle, checkpoint, String.format(Locale.ROOT, "their embeddings of %d real windows differ "
                        + "by up to %.3g (tolerance %.0e)", windows.size(), worst, TOLERANCE));
            }
            return worst;
        } catch (IOException e) {
            throw new BenchmarkException("cannot read checkpoint " + checkpoint + " or bundle " + bundle + ": "
                    + e.getMessage(), e);
        }
    }

    private static BenchmarkException refuse(Path bundle, Path checkpoint, String why) {
        return new BenchmarkException("checkpoint " + checkpoint + " is not the model of bundle " + bundle + ": " + why
                + "; fine-tuning it would not measure this model (give the checkpoint the bundle was exported from "
                + "with --checkpoint, or --no-fine-tune)");
    }
}
