package io.tsfm.benchmark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.metrics.Score;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.datasets.eval.ClassificationMetrics;
import io.tsfm.datasets.plot.ConfusionMatrixPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a {@link BenchmarkResult} as {@code report.json}, {@code report.md} (one table per metric and measure, rows
 * = systems, columns = datasets plus the average) and one confusion-matrix PNG per measured cell under
 * {@code confusion/}. Published rows are labelled "published, not measured" in both files. Stateless and
 * thread-safe.
 */
public final class ReportWriter {
    /** Format id written into report.json. */
    public static final String FORMAT = "tsfm-benchmark-report/1";

    private ReportWriter() {}

    /**
     * Writes the report into {@code dir} (created if needed).
     *
     * @return the path of report.md
     */
    public static Path write(BenchmarkResult result, PublishedResults published, Path dir) throws IOException {
        return write(result, published, null, dir);
    }

    /**
     * As {@link #write(BenchmarkResult, PublishedResults, Path)}, with the stream/direct agreement section.
     *
     * @param paths the stream path's passes beside the direct path; null when no stream ran
     */
    public static Path write(BenchmarkResult result, PublishedResults published, PathComparison paths, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, String> pngs = writeConfusions(result, dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> root = toJson(result, published, pngs);
        if (paths != null) root.put("path_agreement", pathsJson(paths));
        json.writeValue(dir.resolve("report.json").toFile(), root);
        Path md = dir.resolve("report.md");
        String text = toMarkdown(result, published, pngs);
        if (paths != null) text = text + pathsMarkdown(paths);
        Files.writeString(md, text);
        return md;
    }

    static Map<String, Object> pathsJson(PathComparison c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("system", c.system());
        o.put("identical", c.agrees());
        o.put("verdict", c.verdict());
        o.put("settings", c.settings());
        o.put("windows", c.windows());
        o.put("identical_windows", c.identical());
        o.put("stream_seconds", round(c.seconds(), 3));
        o.put("replay_windows_per_second", round(c.windowsPerSecond(), 1));
        List<Map<String, Object>> passes = new ArrayList<>();
        for (PathComparison.Pass p : c.passes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("dataset", p.dataset());
            x.put("label_set", p.labelSet());
            x.put("windows", p.windows());
            x.put("answered", p.answered());
            x.put("seconds", round(p.seconds(), 3));
            x.put("windows_per_second", round(p.windowsPerSecond(), 1));
            x.put("timed_out", p.timedOut());
            x.put("identical", p.identical());
            x.put("differences", p.differences());
            x.put("only_direct", p.onlyDirect());
            x.put("only_stream", p.onlyStream());
            passes.add(x);
        }
        o.put("passes", passes);
        return o;
    }

    static String pathsMarkdown(PathComparison c) {
        StringBuilder sb = new StringBuilder("\n## Stream path vs direct path\n\n");
        sb.append("**").append(esc(c.system())).append("**: ").append(esc(c.verdict())).append(".\n\n");
        c.settings().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(esc(v)).append("\n"));
        sb.append(String.format(Locale.ROOT, "- replay: %d windows in %.1f s of streaming, %.1f windows/s%n%n",
                c.windows(), c.seconds(), c.windowsPerSecond()));
        sb.append("| Dataset | Label set | Windows | Answered | Seconds | Windows/s | Identical | Differ | "
                + "Direct only | Stream only |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PathComparison.Pass p : c.passes()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d%s | %.2f | %.1f | %d | %d | %d | %d |%n",
                    p.dataset(), esc(p.labelSet()), p.windows(), p.answered(), p.timedOut() ? " (timed out)" : "",
                    p.seconds(), p.windowsPerSecond(), p.identical(), p.differences().size(), p.onlyDirect().size(),
                    p.onlyStream().size()));
        }
        for (PathComparison.Pass p : c.passes()) {
            for (String d : p.differences()) sb.append("- differs, ").append(esc(d)).append("\n");
            for (String k : p.onlyDirect()) sb.append("- missing from the stream: ").append(k).append("\n");
            for (String k : p.onlyStream()) sb.append("- answered by the stream only: ").append(k).append("\n");
        }
        return sb.toString();
    }

    private static Map<String, String> writeConfusions(BenchmarkResult r, Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (SystemRow row : r.rows()) {
            if (row.kind() != SystemRow.Kind.MEASURED) continue;
            for (MetricKind m : MetricKind.values()) {
                for (String d : r.datasetNames()) {
                    Score s = row.cell(m, d).score();
                    if (s == null || s.metrics() == null) continue;
                    String rel = "confusion/" + m.id() + "__" + slug(row.name()) + "__" + slug(d) + ".png";
                    Path png = dir.resolve(rel);
                    Files.createDirectories(png.getParent());
                    ConfusionMatrixPlot.write(row.name() + ": " + m.title() + ", " + d, s.metrics().labels(),
                            s.metrics().confusion(), png);
                    out.put(key(row.name(), m, d), rel);
                }
            }
        }
        return out;
    }

    static Map<String, Object> toJson(BenchmarkResult r, PublishedResults published, Map<String, String> pngs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("wall_seconds", round(r.wallSeconds(), 3));
        root.put("settings", r.settings());
        root.put("model", r.model());
        List<Object> ds = new ArrayList<>();
        for (TestSetSummary d : r.datasets()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", d.name());
            o.put("windows", d.windows());
            o.put("subjects", d.subjects());
            o.put("rate_hz", d.rateHz());
            o.put("labels", d.labels());
            o.put("label_counts", new java.util.TreeMap<>(d.labelCounts()));
            o.put("open_set_uncovered_labels", d.uncovered());
            o.put("open_set_uncovered_windows", d.uncoveredWindows());
            o.put("open_set_label_groups", d.labelGroups());
            o.put("split", d.split());
            ds.add(o);
        }
        root.put("datasets", ds);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (MetricKind m : MetricKind.values()) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("title", m.title());
            List<Object> rows = new ArrayList<>();
            for (SystemRow row : r.rows()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("system", row.name());
                o.put("kind", row.kind() == SystemRow.Kind.MEASURED ? "measured" : "published, not measured");
                o.put("about", row.about());
                Map<String, Object> cells = new LinkedHashMap<>();
                for (String d : r.datasetNames()) cells.put(d, cellJson(row.cell(m, d), pngs.get(key(row.name(), m, d))));
                o.put("cells", cells);
                Map<String, Object> avg = new LinkedHashMap<>();
                avg.put("accuracy", average(row, m, r.datasetNames(), CellValue::accuracy));
                avg.put("macro_f1", average(row, m, r.datasetNames(), CellValue::macroF1));
                o.put("average", avg);
                rows.add(o);
            }
            table.put("rows", rows);
            metrics.put(m.id(), table);
        }
        root.put("metrics", metrics);
        List<Object> timings = new ArrayList<>();
        for (PassTiming t : r.timings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("system", t.system());
            o.put("path", t.path());
            o.put("metric", t.metric());
            o.put("dataset", t.dataset());
            o.put("windows", t.windows());
            o.put("seconds", round(t.seconds(), 3));
            o.put("windows_per_second", round(t.windowsPerSecond(), 1));
            timings.add(o);
        }
        root.put("timings", timings);
        root.put("throughput_windows_per_second", throughput(r));
        root.put("deviations", r.deviations());
        if (published != null) {
            root.put("published_source", published.source());
            root.put("published_5_dataset_average_datasets", published.fiveDatasets());
            root.put("published_5_dataset_averages_percent", published.fiveDatasetAverages());
        }
        return root;
    }

    private static Map<String, Object> cellJson(CellValue c, String png) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("accuracy", c.accuracy() == null ? null : round(c.accuracy(), 6));
        o.put("macro_f1", c.macroF1() == null ? null : round(c.macroF1(), 6));
        o.put("weighted_f1", c.weightedF1() == null ? null : round(c.weightedF1(), 6));
        if (c.note() != null) o.put("note", c.note());
        Score s = c.score();
        if (s != null) {
            o.put("windows", s.windows());
            o.put("scored", s.scored());
            o.put("missing", s.missing().stream().map(WindowKey::toString).toList());
            Map<String, String> failed = new LinkedHashMap<>();
            s.failed().forEach((k, v) -> failed.put(k.toString(), v));
            o.put("failed", failed);
            o.put("unexpected", s.unexpected().stream().map(WindowKey::toString).toList());
            ClassificationMetrics m = s.metrics();
            if (m != null) {
                Map<String, Object> recall = new LinkedHashMap<>();
                m.recall().forEach((k, v) -> recall.put(k, round(v, 6)));
                o.put("per_class_recall", recall);
                o.put("support", m.support());
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("labels", m.labels());
                cm.put("matrix", m.confusion());
                if (png != null) cm.put("png", png);
                o.put("confusion", cm);
            }
        }
        return o;
    }

    /** "turning (12 windows), moonwalking (8 windows)", or "none". */
    private static String uncovered(TestSetSummary d) {
        if (d.uncovered().isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        d.uncoveredWindows().forEach((l, n) -> parts.add(l + " (" + n + (n == 1 ? " window)" : " windows)")));
        return esc(String.join(", ", parts));
    }

    static String toMarkdown(BenchmarkResult r, PublishedResults published, Map<String, String> pngs) {
        StringBuilder sb = new StringBuilder();
        List<String> names = r.datasetNames();
        sb.append("# TSFM benchmark report\n\n");
        sb.append(String.format(Locale.ROOT, "Wall time: %.1f s. Rows marked *published, not measured* are the "
                + "reference's numbers, copied, not produced by this run.%n%n", r.wallSeconds()));

        sb.append("## Settings\n\n| Setting | Value |\n|---|---|\n");
        r.settings().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(esc(v)).append(" |\n"));
        sb.append("\n## Model\n\n");
        if (r.model().isEmpty()) {
            sb.append("No model was benchmarked (baselines and published rows only).\n");
        } else {
            sb.append("| Fact | Value |\n|---|---|\n");
            r.model().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(esc(v)).append(" |\n"));
        }

        sb.append("\n## Datasets\n\n| Dataset | Windows | Subjects | Rate (Hz) | Labels | Train / val / test | 1 % / 10 % labelled | Open-set uncovered labels |\n|---|---:|---:|---:|---:|---|---|---|\n");
        for (TestSetSummary d : r.datasets()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d / %d / %d | %d / %d | %s |%n",
                    d.name(), d.windows(), d.subjects(), num(d.rateHz()), d.labels().size(), d.split().get("train"),
                    d.split().get("validation"), d.split().get("test"), d.split().get("labelled_1pct"),
                    d.split().get("labelled_10pct"), uncovered(d)));
        }

        sb.append("\n## Results\n\nPercent. `n/a`: the system has no such mode; `–`: not published for that dataset; "
                + "`†`: some windows were not scored (see *Missing and failed windows*). The average is over the "
                + "datasets of this run and only given when every cell of the row has a number.\n");
        for (MetricKind m : MetricKind.values()) {
            table(sb, r, m, "accuracy", CellValue::accuracy);
            table(sb, r, m, "macro-F1", CellValue::macroF1);
            if (m == MetricKind.ZS_OPEN) table(sb, r, m, "weighted-F1", CellValue::weightedF1);
        }

        sb.append("\n## Per-class recall (measured rows)\n");
        for (SystemRow row : r.rows()) {
            if (row.kind() != SystemRow.Kind.MEASURED) continue;
            for (MetricKind m : MetricKind.values()) {
                for (String d : names) {
                    Score s = row.cell(m, d).score();
                    if (s == null || s.metrics() == null) continue;
                    sb.append("\n**").append(row.name()).append(", ").append(m.title()).append(", ").append(d)
                            .append("**");
                    String png = pngs.get(key(row.name(), m, d));
                    if (png != null) sb.append(" ([confusion matrix](").append(png).append("))");
                    sb.append(": ");
                    List<String> parts = new ArrayList<>();
                    ClassificationMetrics cm = s.metrics();
                    for (String label : cm.labels()) {
                        if (cm.support().get(label) == 0) continue;
                        parts.add(String.format(Locale.ROOT, "%s %.1f (n=%d)", label, 100 * cm.recall().get(label),
                                cm.support().get(label)));
                    }
                    sb.append(String.join(", ", parts)).append("\n");
                }
            }
        }

        sb.append("\n## Missing and failed windows\n\n");
        boolean any = false;
        for (SystemRow row : r.rows()) {
            for (MetricKind m : MetricKind.values()) {
                for (String d : names) {
                    Score s = row.cell(m, d).score();
                    if (s == null || (s.complete() && s.unexpected().isEmpty())) continue;
                    any = true;
                    sb.append(String.format(Locale.ROOT, "- %s, %s, %s: %d of %d windows scored; missing %s; failed %s; "
                                    + "answers for windows not asked %s%n", row.name(), m.id(), d, s.scored(), s.windows(),
                            s.missing(), s.failed(), s.unexpected()));
                }
            }
        }
        if (!any) sb.append("None: every window got exactly one prediction.\n");

        sb.append("\n## Timing\n\n| System | Path | Metric | Dataset | Windows | Seconds | Windows/s |\n|---|---|---|---|---:|---:|---:|\n");
        for (PassTiming t : r.timings()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.2f | %.1f |%n", t.system(), t.path(),
                    t.metric(), t.dataset(), t.windows(), t.seconds(), t.windowsPerSecond()));
        }
        throughput(r).forEach((path, v) -> sb.append(String.format(Locale.ROOT,
                "%nThroughput of the %s path over all passes: %.1f windows/s.%n", path, v)));

        sb.append("\n## Deviations from the reference protocol\n\n");
        for (String d : r.deviations()) sb.append("- ").append(d).append("\n");
        if (r.deviations().isEmpty()) sb.append("None recorded.\n");

        if (published != null) {
            sb.append("\n## Reference 5-dataset averages (published, not measured)\n\nOver ")
                    .append(String.join(", ", published.fiveDatasets())).append("; percent. Source: ")
                    .append(published.source()).append("\n\n");
            Map<String, Map<String, Double>> avg = published.fiveDatasetAverages();
            List<String> cols = avg.values().iterator().next().keySet().stream().toList();
            sb.append("| System | ").append(String.join(" | ", cols)).append(" |\n|---|")
                    .append("---:|".repeat(cols.size())).append("\n");
            avg.forEach((sys, v) -> {
                sb.append("| ").append(sys).append(" (published, not measured) |");
                for (String c : cols) {
                    sb.append(" ").append(v.get(c) == null ? "–" : String.format(Locale.ROOT, "%.1f", v.get(c))).append(" |");
                }
                sb.append("\n");
            });
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, BenchmarkResult r, MetricKind m, String measure,
                              Function<CellValue, Double> value) {
        List<String> names = r.datasetNames();
        sb.append("\n### ").append(m.title()).append(": ").append(measure).append(" (%)\n\n| System | ")
                .append(String.join(" | ", names)).append(" | Average |\n|---|").append("---:|".repeat(names.size() + 1))
                .append("\n");
        for (SystemRow row : r.rows()) {
            sb.append("| ").append(row.name());
            if (row.kind() == SystemRow.Kind.PUBLISHED) sb.append(" *(published, not measured)*");
            sb.append(" |");
            for (String d : names) sb.append(" ").append(cellText(row.cell(m, d), value)).append(" |");
            Double avg = average(row, m, names, value);
            sb.append(" ").append(avg == null ? "–" : pct(avg)).append(" |\n");
        }
    }

    private static String cellText(CellValue c, Function<CellValue, Double> value) {
        Double v = value.apply(c);
        if (v != null) return pct(v) + (c.score() != null && !c.score().complete() ? "†" : "");
        if (c.score() != null) return "none scored†";
        String note = c.note() == null ? "" : c.note();
        if (note.startsWith("n/a")) return "n/a";
        if (note.startsWith("not run")) return "not run";
        return "–";
    }

    private static Double average(SystemRow row, MetricKind m, List<String> datasets, Function<CellValue, Double> value) {
        double sum = 0;
        for (String d : datasets) {
            Double v = value.apply(row.cell(m, d));
            if (v == null) return null;
            sum += v;
        }
        return round(sum / datasets.size(), 6);
    }

    private static Map<String, Double> throughput(BenchmarkResult r) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (PassTiming t : r.timings()) {
            double[] a = acc.computeIfAbsent(t.path(), k -> new double[2]);
            a[0] += t.windows();
            a[1] += t.seconds();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, a[1] > 0 ? round(a[0] / a[1], 1) : null));
        return out;
    }

    private static String key(String system, MetricKind m, String dataset) {
        return system + "\u0000" + m.id() + "\u0000" + dataset;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
