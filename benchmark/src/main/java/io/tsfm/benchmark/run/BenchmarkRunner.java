package io.tsfm.benchmark.run;

import io.tsfm.benchmark.metrics.LabelGroups;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.metrics.Score;
import io.tsfm.benchmark.metrics.Scorer;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.CellValue;
import io.tsfm.benchmark.report.TestSetSummary;
import io.tsfm.benchmark.report.PassTiming;
import io.tsfm.benchmark.report.PublishedResults;
import io.tsfm.benchmark.report.SystemRow;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.datasets.eval.ClassificationMetrics;
import io.tsfm.datasets.progress.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the protocol over test datasets and systems and collects the report's numbers (spec §6).
 *
 * <p>Per dataset: each zero-shot system classifies every window twice through its {@link InferencePath}, against
 * its training vocabulary (open-set, scored on synonym groups) and against the dataset's labels (closed-set, exact);
 * each supervised system predicts the test part of the §6.5 split with its models trained on the 1 % and 10 %
 * subsamples. Answers are joined to windows by key: a window without an answer is reported as missing and a window
 * the model failed on as failed, neither is scored. Open-set groups each dataset's true labels by
 * {@link BenchmarkDataset#labelGroups()} (the vocabulary extended by the dataset's own synonym groups); a label whose
 * group no model label covers is listed as uncovered with its window count, never an abort. Everything that can be
 * checked before inference (labels a path cannot score, missing or stale baseline checkpoints) is checked first, so
 * a bad request fails in seconds with a message naming what is wrong.
 *
 * <p>One run at a time per instance; not thread-safe. The runner does not close the systems' paths.
 */
public final class BenchmarkRunner {
    private final List<BenchmarkDataset> datasets;
    private final List<ZeroShotSystem> zeroShot;
    private final List<SupervisedSystem> supervised;
    private final PublishedResults published;
    private final PrintStream progressOut;
    private final boolean interactive;
    private final Map<String, String> settings;
    private final Map<String, String> model;
    private final List<String> deviations;

    private BenchmarkRunner(Builder b) {
        this.datasets = List.copyOf(b.datasets);
        this.zeroShot = List.copyOf(b.zeroShot);
        this.supervised = List.copyOf(b.supervised);
        this.published = b.published;
        this.progressOut = b.progressOut;
        this.interactive = b.interactive;
        this.settings = new LinkedHashMap<>(b.settings);
        this.model = new LinkedHashMap<>(b.model);
        this.deviations = List.copyOf(b.deviations);
    }

    /** A builder: {@code setDatasets} is required, at least one system too. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every pass and returns the numbers.
     *
     * @throws BenchmarkException before any inference, for labels a path cannot score, or a supervised system that
     *                            cannot serve a dataset
     */
    public BenchmarkResult run() {
        long start = System.nanoTime();
        Map<String, FineTuneSplit> splits = new LinkedHashMap<>();
        for (BenchmarkDataset d : datasets) splits.put(d.name(), FineTuneSplit.of(d.labelIndices()));
        validate(splits);

        long total = 0;
        for (BenchmarkDataset d : datasets) {
            total += 2L * zeroShot.size() * d.windows().size();
            total += 2L * supervised.size() * splits.get(d.name()).test().length;
        }
        ProgressBar bar = progressOut == null ? null
                : new ProgressBar(progressOut, "benchmark", total, "windows", interactive, 10);
        long[] done = {0};

        Map<String, Map<MetricKind, Map<String, CellValue>>> cells = new LinkedHashMap<>();
        List<PassTiming> timings = new ArrayList<>();
        List<TestSetSummary> summaries = new ArrayList<>();
        for (BenchmarkDataset d : datasets) {
            FineTuneSplit split = splits.get(d.name());
            for (ZeroShotSystem s : zeroShot) {
                for (MetricKind m : List.of(MetricKind.ZS_OPEN, MetricKind.ZS_CLOSED)) {
                    String status = d.name() + " " + m.id() + " " + s.name();
                    LabelSet labels = m == MetricKind.ZS_OPEN
                            ? new LabelSet("vocabulary", 1, s.groups().candidates())
                            : new LabelSet(d.name(), 1, d.labels());
                    long t0 = System.nanoTime();
                    List<WindowPrediction> answers = s.path().classify(d, d.windows(), labels, n -> {
                        done[0] += n;
                        if (bar != null) bar.update(done[0], status);
                    });
                    timings.add(new PassTiming(s.name(), s.path().name(), m.id(), d.name(), d.windows().size(),
                            (System.nanoTime() - t0) / 1e9));
                    Score score = score(d.windows(), answers, labels.labels(), m, s.groups().forDataset(d.labelGroups()),
                            d.labels());
                    put(cells, s.name(), m, d.name(), CellValue.measured(score));
                }
                if (supervisedNamed(s.name()) == null) {
                    for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) {
                        put(cells, s.name(), m, d.name(), CellValue.notAvailable(
                                "not run: this row was not fine-tuned (--no-fine-tune, no checkpoint, or a per-patch vote "
                                + "row, which shares the pooled row's fine-tuning, spec §6.5)"));
                    }
                }
            }
            for (SupervisedSystem s : supervised) {
                List<BenchmarkWindow> test = d.select(split.test());
                for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) {
                    long t0 = System.nanoTime();
                    List<String> predicted = s.predict(d, split, m.labelRate(), test);
                    if (predicted.size() != test.size()) {
                        throw new BenchmarkException(s.name() + " returned " + predicted.size() + " predictions for "
                                + test.size() + " test windows of " + d.name());
                    }
                    timings.add(new PassTiming(s.name(), "in-process", m.id(), d.name(), test.size(),
                            (System.nanoTime() - t0) / 1e9));
                    List<WindowPrediction> answers = new ArrayList<>();
                    for (int i = 0; i < test.size(); i++) answers.add(WindowPrediction.of(test.get(i).key(), predicted.get(i)));
                    put(cells, s.name(), m, d.name(), CellValue.measured(score(test, answers, d.labels(), m, null, d.labels())));
                    done[0] += test.size();
                    if (bar != null) bar.update(done[0], d.name() + " " + m.id() + " " + s.name());
                }
                if (zeroShotNamed(s.name()) == null) {
                    for (MetricKind m : List.of(MetricKind.ZS_OPEN, MetricKind.ZS_CLOSED)) {
                        put(cells, s.name(), m, d.name(), CellValue.notAvailable("n/a: supervised only, no zero-shot mode"));
                    }
                }
            }
            summaries.add(summary(d, split));
        }
        if (bar != null) bar.finish(done[0], "done");

        List<SystemRow> rows = new ArrayList<>();
        for (ZeroShotSystem s : zeroShot) {
            rows.add(new SystemRow(s.name(), SystemRow.Kind.MEASURED, "zero-shot model, " + s.path().name()
                    + " path, model " + s.path().modelId(), cells.get(s.name())));
        }
        for (SupervisedSystem s : supervised) {
            ZeroShotSystem z = zeroShotNamed(s.name());
            if (z == null) {
                rows.add(new SystemRow(s.name(), SystemRow.Kind.MEASURED, s.description(), cells.get(s.name())));
            } else {
                // one model evaluated both ways is one row: replace the zero-shot-only row, keeping its position
                int at = rows.indexOf(rows.stream().filter(r -> r.name().equals(s.name())).findFirst().orElseThrow());
                rows.set(at, new SystemRow(s.name(), SystemRow.Kind.MEASURED, rows.get(at).about()
                        + "; supervised: " + s.description(), cells.get(s.name())));
            }
        }
        List<String> names = datasets.stream().map(BenchmarkDataset::name).toList();
        if (published != null) rows.addAll(published.rows(names));

        List<String> allDeviations = new ArrayList<>(deviations);
        for (TestSetSummary s : summaries) {
            if (!s.uncovered().isEmpty()) {
                allDeviations.add(s.name() + ": labels " + s.uncovered() + " (windows " + s.uncoveredWindows().values()
                        + ") share no synonym group with the model's training labels; open-set can never predict them "
                        + "(scored as wrong, as in the reference)");
            }
        }
        for (BenchmarkDataset d : datasets) {
            for (ZeroShotSystem z : zeroShot) {
                Map<String, String> differ = z.groups().forDataset(d.labelGroups()).disagreements(d.labels());
                if (!differ.isEmpty()) {
                    allDeviations.add(d.name() + ": labels grouped differently by the dataset and by " + z.name()
                            + " (dataset group / model group): " + differ + "; open-set scores them by the dataset's group");
                }
            }
        }
        if (published != null) {
            for (Map.Entry<String, String> e : published.aliasNotes(names).entrySet()) {
                allDeviations.add(e.getKey() + ": " + e.getValue());
            }
        }
        return new BenchmarkResult(settings, model, summaries, rows, allDeviations, timings,
                (System.nanoTime() - start) / 1e9);
    }

    private ZeroShotSystem zeroShotNamed(String name) {
        return zeroShot.stream().filter(z -> z.name().equals(name)).findFirst().orElse(null);
    }

    private SupervisedSystem supervisedNamed(String name) {
        return supervised.stream().filter(z -> z.name().equals(name)).findFirst().orElse(null);
    }

    private void validate(Map<String, FineTuneSplit> splits) {
        for (BenchmarkDataset d : datasets) {
            for (ZeroShotSystem s : zeroShot) {
                Set<String> unsupported = s.path().unsupportedLabels(d.labels());
                if (!unsupported.isEmpty()) {
                    throw new BenchmarkException("dataset " + d.name() + ": closed-set needs the model to score its "
                            + "labels, but " + s.name() + " (" + s.path().name() + " path, model " + s.path().modelId()
                            + ") cannot score " + unsupported);
                }
            }
            for (SupervisedSystem s : supervised) {
                for (MetricKind m : List.of(MetricKind.SUP1, MetricKind.SUP10)) {
                    s.check(d, splits.get(d.name()), m.labelRate());
                }
            }
        }
    }

    private static Score score(List<BenchmarkWindow> windows, List<WindowPrediction> answers, List<String> asked,
                               MetricKind metric, LabelGroups groups, List<String> datasetLabels) {
        PredictionJoin join = PredictionJoin.of(windows, answers);
        Map<WindowKey, String> failed = new LinkedHashMap<>(join.failed());
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        Set<String> allowed = Set.copyOf(asked);
        Set<WindowKey> conflicting = Set.copyOf(join.conflicting());
        for (int i = 0; i < join.scored().size(); i++) {
            BenchmarkWindow w = join.scored().get(i);
            String p = join.predicted().get(i);
            if (conflicting.contains(w.key())) {
                failed.put(w.key(), "answered more than once with different labels");
                continue;
            }
            if (!allowed.contains(p)) {
                // a path that answers outside the label set it was given is wrong about that window: list it
                failed.put(w.key(), "answered '" + p + "', which is not in the label set it was given");
                continue;
            }
            truth.add(w.label());
            predicted.add(p);
        }
        ClassificationMetrics metrics = truth.isEmpty() ? null
                : metric == MetricKind.ZS_OPEN ? Scorer.openSet(truth, predicted, groups)
                : Scorer.exact(truth, predicted, datasetLabels);
        return new Score(metrics, windows.size(), join.missing(), failed, join.unexpected());
    }

    private TestSetSummary summary(BenchmarkDataset d, FineTuneSplit split) {
        List<String> uncovered = zeroShot.isEmpty() ? List.of()
                : zeroShot.get(0).groups().forDataset(d.labelGroups()).uncovered(d.labels());
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("train", split.train().length);
        parts.put("validation", split.validation().length);
        parts.put("test", split.test().length);
        parts.put("labelled_1pct", split.labelled(0.01).length);
        parts.put("labelled_10pct", split.labelled(0.1).length);
        double rate = d.windows().get(0).rateHz();
        return new TestSetSummary(d.name(), d.windows().size(), d.subjects(), rate, d.labels(), d.labelCounts(),
                uncovered, parts, d.labelGroups());
    }

    private static void put(Map<String, Map<MetricKind, Map<String, CellValue>>> cells, String system, MetricKind m,
                            String dataset, CellValue v) {
        cells.computeIfAbsent(system, k -> new EnumMap<>(MetricKind.class))
                .computeIfAbsent(m, k -> new LinkedHashMap<>()).put(dataset, v);
    }

    /** Builder of {@link BenchmarkRunner}. */
    public static final class Builder {
        private List<BenchmarkDataset> datasets;
        private final List<ZeroShotSystem> zeroShot = new ArrayList<>();
        private final List<SupervisedSystem> supervised = new ArrayList<>();
        private PublishedResults published;
        private PrintStream progressOut;
        private boolean interactive;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> model = new LinkedHashMap<>();
        private final List<String> deviations = new ArrayList<>();

        private Builder() {}

        /** The test datasets, in report column order (required, non-empty, distinct names). */
        public Builder setDatasets(List<BenchmarkDataset> datasets) {
            this.datasets = List.copyOf(datasets);
            return this;
        }

        /** Adds a zero-shot system (a row). */
        public Builder optZeroShot(ZeroShotSystem system) {
            zeroShot.add(Objects.requireNonNull(system));
            return this;
        }

        /** Adds a supervised system (a row). */
        public Builder optSupervised(SupervisedSystem system) {
            supervised.add(Objects.requireNonNull(system));
            return this;
        }

        /** Adds the reference's published rows. */
        public Builder optPublished(PublishedResults published) {
            this.published = published;
            return this;
        }

        /** Draws a progress bar on {@code out} (redrawn in place when {@code interactive}). */
        public Builder optProgress(PrintStream out, boolean interactive) {
            this.progressOut = out;
            this.interactive = interactive;
            return this;
        }

        /** A setting shown in the report. */
        public Builder optSetting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** A provenance fact of the model shown in the report. */
        public Builder optModelFact(String name, String value) {
            model.put(name, value);
            return this;
        }

        /** A deviation from the reference protocol, written into the report. */
        public Builder optDeviation(String deviation) {
            deviations.add(deviation);
            return this;
        }

        public BenchmarkRunner build() {
            if (datasets == null || datasets.isEmpty()) throw new IllegalArgumentException("no datasets to benchmark");
            if (datasets.stream().map(BenchmarkDataset::name).distinct().count() != datasets.size()) {
                throw new IllegalArgumentException("a dataset is listed twice: "
                        + datasets.stream().map(BenchmarkDataset::name).toList());
            }
            if (zeroShot.isEmpty() && supervised.isEmpty()) {
                throw new IllegalArgumentException("no system to benchmark");
            }
            // a zero-shot and a supervised system may share a name: they are one model's two modes, one row
            if (zeroShot.stream().map(ZeroShotSystem::name).distinct().count() != zeroShot.size()
                    || supervised.stream().map(SupervisedSystem::name).distinct().count() != supervised.size()) {
                throw new IllegalArgumentException("two systems of the same kind share a name");
            }
            return new BenchmarkRunner(this);
        }
    }
}
