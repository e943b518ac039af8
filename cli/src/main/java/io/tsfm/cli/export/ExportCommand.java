package io.tsfm.cli.export;

import io.tsfm.cli.DataRootOption;
import io.tsfm.export.bundle.BundleExporter;
import io.tsfm.schemas.bundle.BundleManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm export}: a training checkpoint → a verified model bundle for ONNX Runtime serving. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a training checkpoint as a model bundle: model.onnx, the text-side graphs, the label "
                + "embeddings of the training vocabulary and a manifest with the SHA-256 of every file.",
            "Real 6 s windows are run through DJL and through the bundle in ONNX Runtime; the bundle is refused "
                + "(nothing written) if any embedding differs by more than the tolerance or any prediction differs."})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "Checkpoint directory (e.g. <train out>/final).")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle directory to create.")
    Path out;

    @Option(names = "--parity-datasets", split = ",", paramLabel = "NAME",
            description = "Datasets whose windows the parity check uses (default: the checkpoint's training datasets).")
    List<String> parityDatasets;

    @Option(names = "--parity-windows", defaultValue = "32",
            description = "Windows per parity dataset, spread over its subjects (default ${DEFAULT-VALUE}).")
    int parityWindows;

    @Option(names = "--tolerance", defaultValue = "1e-4",
            description = "Largest accepted |difference| of any output (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--overwrite", description = "Replace an existing bundle at --out.")
    boolean overwrite;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        BundleExporter.Builder b = BundleExporter.builder().setCheckpoint(checkpoint).setOutput(out)
                .optDataRoot(rootOption.resolve()).optParityWindows(parityWindows).optTolerance(tolerance)
                .optOverwrite(overwrite).optLog(System.err);
        if (parityDatasets != null) b.optParityDatasets(parityDatasets);
        BundleExporter.Result r = b.build().export();
        System.out.println("bundle: " + r.bundle());
        System.out.println("bundle id (SHA-256 of manifest.json): " + r.bundleId());
        for (BundleManifest.BundleFile f : r.files()) {
            System.out.printf(Locale.ROOT, "  %-22s %-16s %,12d bytes  sha256 %s%n", f.path(), f.role(), f.sizeBytes(),
                    f.sha256());
        }
        System.out.println(r.parity());
        return 0;
    }
}
