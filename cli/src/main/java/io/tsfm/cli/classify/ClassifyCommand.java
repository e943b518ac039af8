package io.tsfm.cli.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsfm.cli.DataRootOption;
import io.tsfm.cli.datasets.Json;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.OpenSetClassification;
import io.tsfm.core.runtime.Scoring;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.ClassificationMetrics;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.datasets.progress.ProgressBar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tsfm classify}: a dataset's 6 s evaluation windows through a model bundle in ONNX Runtime, with per-window
 * predictions and a summary (accuracy and macro-F1 where labels are known).
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify a dataset's 6 s windows (each subject's sessions concatenated, majority label) with "
                + "a model bundle in ONNX Runtime; print per-window predictions and a summary.",
            "Closed-set over --labels (default: the dataset's own labels, exact match), or --open-set over the "
                + "bundle's whole vocabulary scored by synonym group."})
public final class ClassifyCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE",
            description = "Model bundle directory (default: the shipped " + io.tsfm.lab.TsfmHome.DEFAULT_BUNDLE + ").")
    Path model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset name (see tsfm datasets list).")
    String dataset;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "Candidate labels, comma separated (default: the dataset's labels).")
    List<String> labels;

    @Option(names = "--open-set", description = "Score the bundle's whole vocabulary and report synonym groups.")
    boolean openSet;

    @Option(names = "--vote", description = "Per-patch majority vote instead of the mean patch embedding.")
    boolean vote;

    @Option(names = "--top", defaultValue = "3", description = "Labels (or groups) listed per window (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--limit", description = "Classify at most N windows, spread evenly over the dataset.")
    Integer limit;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: one per core).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu or cuda (gpu is read as cuda; falls back to cpu with a warning when CUDA is unavailable).")
    String device;

    @Option(names = "--batch-size", defaultValue = "64", description = "Windows per model run (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin DataRootOption rootOption;

    /** Windows per classify call, so progress can be shown. */
    private static final int CHUNK = 512;

    @Override
    public Integer call() throws Exception {
        if (openSet && labels != null) throw new IllegalArgumentException("--open-set scores the bundle vocabulary; "
                + "it cannot be combined with --labels");
        ExecutionDevice executionDevice = ExecutionDevice.parse(device, "--device");
        if (model == null) model = io.tsfm.lab.TsfmHome.require().resolve(io.tsfm.lab.TsfmHome.DEFAULT_BUNDLE);
        OnnxWindowClassifier.Builder builder = OnnxWindowClassifier.builder().setBundle(model)
                .optScoring(vote ? Scoring.PATCH_VOTE : Scoring.MEAN_EMBEDDING).optMaxBatchSize(batchSize)
                .optDevice(executionDevice);
        if (threads != null) builder.optIntraOpThreads(threads);
        DataRoot root = rootOption.resolve();
        try (OnnxWindowClassifier classifier = builder.build()) {
            Dataset d = DatasetCatalog.load(root).read(dataset, root);
            List<DatasetWindows.Labeled> windows = DatasetWindows.of(d, classifier.bundle().patchSeconds());
            if (limit != null) windows = DatasetWindows.spread(windows, limit);
            if (windows.isEmpty()) throw new IllegalArgumentException("dataset " + dataset + " has no 6 s window");
            LabelSet set = new LabelSet(labels != null ? "cli" : dataset, 1,
                    labels != null ? labels.stream().map(String::trim).toList() : d.manifest().labels());
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("model", classifier.modelId());
            doc.put("bundle", classifier.bundle().directory().toString());
            doc.put("dataset", dataset);
            doc.put("mode", openSet ? "open-set" : "closed-set");
            doc.put("scoring", classifier.scoring().name().toLowerCase(Locale.ROOT));
            if (!openSet) set.labels().forEach(doc.putArray("labels")::add);
            ArrayNode rows = doc.putArray("windows");
            List<String> truth = new ArrayList<>();
            List<String> pred = new ArrayList<>();
            int errors = 0;
            int unscored = 0;
            LabelVocabulary vocab = LabelVocabulary.defaults();
            ProgressBar bar = new ProgressBar(System.err, "classify " + dataset, windows.size(), "windows");
            for (int from = 0; from < windows.size(); from += CHUNK) {
                List<DatasetWindows.Labeled> chunk = windows.subList(from, Math.min(windows.size(), from + CHUNK));
                List<SensorWindow> ws = chunk.stream().map(DatasetWindows.Labeled::window).toList();
                if (openSet) {
                    List<OpenSetClassification> got = classifier.classifyOpenSet(ws, top);
                    for (int i = 0; i < got.size(); i++) {
                        OpenSetClassification c = got.get(i);
                        String t = chunk.get(i).label();
                        String tg = vocab.findGroup(t).orElse(t);
                        ObjectNode row = rows.addObject().put("id", c.windowId()).put("truth", t).put("truth_group", tg);
                        if (!c.ok()) {
                            errors++;
                            row.put("error", c.error());
                            if (!json) System.out.println(c.windowId() + "  error: " + c.error());
                            continue;
                        }
                        row.put("prediction", c.topK().get(0).label()).put("group", c.bestGroup());
                        ArrayNode topK = row.putArray("top");
                        c.topK().forEach(g -> topK.addObject().put("group", g.group()).put("label", g.label())
                                .put("score", g.score()));
                        truth.add(tg);
                        pred.add(c.bestGroup());
                        if (!json) {
                            System.out.printf(Locale.ROOT, "%s  truth %s (%s)  predicted %s%n", c.windowId(), t, tg,
                                    describe(c));
                        }
                    }
                } else {
                    List<Classification> got = classifier.classify(ws, set, top);
                    for (int i = 0; i < got.size(); i++) {
                        Classification c = got.get(i);
                        String t = chunk.get(i).label();
                        ObjectNode row = rows.addObject().put("id", c.windowId()).put("truth", t);
                        if (!c.ok()) {
                            errors++;
                            row.put("error", c.error());
                            if (!json) System.out.println(c.windowId() + "  error: " + c.error());
                            continue;
                        }
                        row.put("prediction", c.best());
                        ArrayNode topK = row.putArray("top");
                        c.topK().forEach(s -> topK.addObject().put("label", s.label()).put("score", s.score()));
                        if (set.labels().contains(t)) {
                            truth.add(t);
                            pred.add(c.best());
                        } else {
                            unscored++;
                        }
                        if (!json) {
                            System.out.printf(Locale.ROOT, "%s  truth %s  predicted %s%n", c.windowId(), t, describe(c));
                        }
                    }
                }
                bar.update(Math.min(windows.size(), from + CHUNK), "");
            }
            bar.finish(windows.size(), "");
            ObjectNode summary = doc.putObject("summary");
            summary.put("windows", windows.size()).put("errors", errors).put("scored", truth.size())
                    .put("not_scored_truth_outside_labels", unscored);
            ClassificationMetrics m = truth.isEmpty() ? null : openSet ? ClassificationMetrics.of(truth, pred)
                    : ClassificationMetrics.of(truth, pred, set.labels());
            if (m != null) {
                summary.put("accuracy", m.accuracy()).put("macro_f1", m.macroF1())
                        .put("chance", 1.0 / (openSet ? m.labels().size() : set.labels().size()));
            }
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(doc));
            } else {
                System.out.printf(Locale.ROOT, "%nsummary: %d windows of %s, %d errors; %s%n", windows.size(), dataset,
                        errors, m == null ? "no window with a known label in the label set"
                                : String.format(Locale.ROOT, "%s accuracy %.3f, macro-F1 %.3f over %d windows%s",
                                openSet ? "open-set (group)" : "closed-set", m.accuracy(), m.macroF1(), truth.size(),
                                unscored > 0 ? " (" + unscored + " with a truth outside --labels not scored)" : ""));
                System.out.println("model " + classifier.modelId() + " (" + classifier.bundle().manifest().tier()
                        + "), scoring " + classifier.scoring() + ", device " + classifier.device());
            }
        }
        return 0;
    }

    private static String describe(Classification c) {
        StringBuilder b = new StringBuilder();
        for (Classification.ScoredLabel s : c.topK()) {
            if (b.length() > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%s %.3f", s.label(), s.score()));
        }
        return b.toString();
    }

    private static String describe(OpenSetClassification c) {
        StringBuilder b = new StringBuilder();
        for (OpenSetClassification.ScoredGroup g : c.topK()) {
            if (b.length() > 0) b.append(", ");
            b.append(String.format(Locale.ROOT, "%s [%s] %.3f", g.group(), g.label(), g.score()));
        }
        return b.toString();
    }
}
