package io.tsfm.cli.datasets;

import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSummary;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsfm datasets list}: every known dataset, read if present, absent ones with their download hint. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Read every dataset found under the data root and summarise it; list absent ones with where to get them.")
public final class ListDatasets implements Callable<Integer> {
    @Mixin DataRootOption rootOption;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--present", description = "Only datasets found under the root.")
    boolean presentOnly;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataRoot root = rootOption.resolve();
        DatasetCatalog catalog = DatasetCatalog.load(root);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        int failed = 0;
        for (DatasetReader r : catalog.readers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("role", r.info().role());
            var where = r.locate(root);
            if (where.isEmpty()) {
                if (presentOnly) continue;
                row.put("present", false);
                row.put("hint", r.info().downloadHint());
                rows.add(row);
                continue;
            }
            row.put("present", true);
            row.put("path", where.get().toString());
            err.printf("reading %-14s ... ", r.name());
            err.flush();
            long t = System.nanoTime();
            try {
                Dataset d = catalog.read(r.name(), root);
                double secs = (System.nanoTime() - t) / 1e9;
                err.printf("%d sessions in %.1f s%n", d.sessions().size(), secs);
                row.put("summary", DatasetSummary.of(d));
                row.put("readSeconds", Math.round(secs * 100) / 100.0);
            } catch (Exception e) {
                failed++;
                err.println("failed");
                row.put("error", e.getMessage());
            }
            rows.add(row);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        catalog.problems().forEach(p -> err.println(p));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("root", root.toString());
            doc.put("datasets", rows);
            doc.put("totalSeconds", Math.round(total * 100) / 100.0);
            out.println(Json.MAPPER.writeValueAsString(doc));
        } else {
            printTable(out, root, rows, total);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void printTable(PrintWriter out, DataRoot root, List<Map<String, Object>> rows, double total) {
        out.printf("Data root: %s%n%n", root);
        out.printf("%-14s %-9s %8s %8s %8s %4s %-12s %6s %8s%n",
                "dataset", "role", "sessions", "subjects", "hours", "ch", "rate Hz", "labels", "problems");
        for (Map<String, Object> row : rows) {
            String role = String.valueOf(row.get("role")).toLowerCase(java.util.Locale.ROOT);
            if (!Boolean.TRUE.equals(row.get("present"))) {
                out.printf("%-14s %-9s %s%n", row.get("name"), role, "absent (where to get it: ./tsfm datasets download " + row.get("name") + ")");
            } else if (row.containsKey("error")) {
                out.printf("%-14s %-9s %s%n", row.get("name"), role, "ERROR: " + row.get("error"));
            } else {
                DatasetSummary s = (DatasetSummary) row.get("summary");
                out.printf("%-14s %-9s %8d %8d %8.2f %4d %-12s %6d %8d%n", s.name(), role, s.sessions(), s.subjects(),
                        s.hours(), s.channels().size(), rates(s.ratesHz()), s.labelCounts().size(), s.problems());
            }
        }
        out.printf("%nRead in %.1f s. Details: tsfm datasets inspect NAME%n", total);
    }

    static String rates(List<Double> rates) {
        StringBuilder b = new StringBuilder();
        for (Double r : rates) {
            if (b.length() > 0) b.append(',');
            b.append(r == Math.rint(r) ? String.valueOf(r.longValue()) : String.format(java.util.Locale.ROOT, "%.2f", r));
        }
        return b.toString();
    }
}
