package io.tsfm.cli.export;

import io.tsfm.cli.DataRootOption;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.export.bundle.BundleExporter;
import io.tsfm.export.quantize.Int8BundleQuantizer;
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
                + "(nothing written) if any embedding differs by more than the tolerance or any prediction differs.",
            "--quantize int8 --model BUNDLE makes the dynamically quantised variant of a bundle instead, checked "
                + "against it on real windows (top-1 agreement at least --min-agreement)."})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint directory (e.g. <train out>/final).")
    Path checkpoint;

    @Option(names = "--quantize", paramLabel = "int8", description = "Quantise the bundle given by --model (only int8: dynamic, per output channel).")
    String quantize;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "The float bundle to quantise (with --quantize).")
    Path model;

    @Option(names = "--min-agreement", defaultValue = "0.9",
            description = "With --quantize: smallest accepted top-1 agreement with the float bundle on every parity dataset (default ${DEFAULT-VALUE}).")
    double minAgreement;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle directory to create.")
    Path out;

    @Option(names = "--parity-datasets", split = ",", paramLabel = "NAME",
            description = "Datasets whose windows the parity check uses (default: the checkpoint's training datasets).")
    List<String> parityDatasets;

    @Option(names = "--vocabulary-datasets", split = ",", paramLabel = "NAME",
            description = "Training datasets whose labels make the bundle's open-set vocabulary (default: all the "
                    + "checkpoint's training datasets).")
    List<String> vocabularyDatasets;

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
        if (quantize != null) return quantize();
        if (checkpoint == null) throw new IllegalArgumentException("--checkpoint DIR is required (or --quantize int8 --model BUNDLE)");
        if (model != null) throw new IllegalArgumentException("--model goes with --quantize");
        BundleExporter.Builder b = BundleExporter.builder().setCheckpoint(checkpoint).setOutput(out)
                .optDataRoot(rootOption.resolve()).optParityWindows(parityWindows).optTolerance(tolerance)
                .optOverwrite(overwrite).optLog(System.err);
        if (parityDatasets != null) b.optParityDatasets(parityDatasets);
        if (vocabularyDatasets != null) b.optVocabularyDatasets(vocabularyDatasets.stream().map(String::trim).toList());
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

    private int quantize() throws Exception {
        if (!quantize.equalsIgnoreCase("int8")) {
            throw new IllegalArgumentException("--quantize " + quantize + ": only int8 is supported");
        }
        if (model == null) throw new IllegalArgumentException("--quantize needs --model BUNDLE (the float bundle)");
        if (checkpoint != null) throw new IllegalArgumentException("--quantize works on a bundle (--model), not --checkpoint");
        if (vocabularyDatasets != null) {
            throw new IllegalArgumentException("--vocabulary-datasets goes with --checkpoint: a quantised bundle keeps "
                    + "its float bundle's vocabulary");
        }
        ModelBundle source = ModelBundle.open(model);
        List<String> names = parityDatasets;
        if (names == null) {
            String fromExport = source.manifest().provenance().get("parity_datasets");
            names = fromExport != null && !fromExport.isBlank() ? List.of(fromExport.split(",")) : List.of("hapt");
        }
        DataRoot root = rootOption.resolve();
        Int8BundleQuantizer.Builder q = Int8BundleQuantizer.builder().setBundle(model).setOutput(out)
                .optMinAgreement(minAgreement).optOverwrite(overwrite).optLog(System.err);
        for (String name : names) {
            Dataset d = DatasetCatalog.load(root).read(name.trim(), root);
            List<SensorWindow> ws = DatasetWindows.spread(DatasetWindows.of(d, source.patchSeconds()), parityWindows)
                    .stream().map(DatasetWindows.Labeled::window).toList();
            q.addParityWindows(name.trim(), ws, new LabelSet(name.trim(), 1, d.manifest().labels()));
        }
        Int8BundleQuantizer.Result r = q.build().export();
        System.out.println("bundle: " + r.bundle());
        System.out.println("bundle id (SHA-256 of manifest.json): " + r.bundleId());
        for (BundleManifest.BundleFile f : r.files()) {
            System.out.printf(Locale.ROOT, "  %-22s %-16s %,12d bytes  sha256 %s%n", f.path(), f.role(), f.sizeBytes(),
                    f.sha256());
        }
        System.out.println(r.quantization());
        r.parity().forEach(p -> System.out.println("parity " + p));
        return 0;
    }
}
