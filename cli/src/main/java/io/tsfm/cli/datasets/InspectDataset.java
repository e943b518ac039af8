package io.tsfm.cli.datasets;

import io.tsfm.cli.DataRootOption;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSummary;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.plot.SessionPlot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tsfm datasets inspect NAME}: per-label counts and durations, the channel table, and a signal plot. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Per-label counts and durations, channel table, problems, and optionally a PNG of a few sessions.")
public final class InspectDataset implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Dataset name (see: tsfm datasets list).")
    String name;

    @Mixin DataRootOption rootOption;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a PNG of a few sessions' signals (one per label, up to --plot-sessions).")
    Path plot;

    @Option(names = "--plot-sessions", defaultValue = "4", description = "Sessions in the plot (default: ${DEFAULT-VALUE}).")
    int plotSessions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var root = rootOption.resolve();
        Dataset d = DatasetCatalog.load(root).read(name, root);
        DatasetSummary s = DatasetSummary.of(d);
        PrintWriter out = spec.commandLine().getOut();
        List<Channel> channels = channelTable(d);
        // the groups open-set scoring uses: a generic dataset's own synonym_groups over the default vocabulary
        LabelVocabulary vocab = LabelVocabulary.defaults().extend(d.manifest().synonymGroups());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("manifest", d.manifest());
            doc.put("summary", s);
            doc.put("channels", channels);
            Map<String, String> groups = new LinkedHashMap<>();
            s.labelCounts().keySet().forEach(l -> groups.put(l, vocab.findGroup(l).orElse(null)));
            doc.put("labelGroups", groups);
            doc.put("problems", d.problems().stream().map(ReadProblem::toString).toList());
            out.println(Json.MAPPER.writeValueAsString(doc));
        } else {
            out.printf("%s (%s): %s%n", d.name(), d.manifest().role().toString().toLowerCase(java.util.Locale.ROOT),
                    d.manifest().description());
            out.printf("%d sessions, %d subjects, %.2f hours, rate %s Hz; source units %s; resampling: %s%n%n",
                    s.sessions(), s.subjects(), s.hours(), ListDatasets.rates(s.ratesHz()), d.manifest().sourceUnits(),
                    d.manifest().resampling());
            out.printf("%-32s %-22s %8s %10s %10s%n", "label", "group", "sessions", "minutes", "mean s");
            for (var e : s.labelCounts().entrySet()) {
                double sec = s.labelSeconds().get(e.getKey());
                out.printf("%-32s %-22s %8d %10.1f %10.1f%n", e.getKey(), vocab.findGroup(e.getKey()).orElse("(not in vocabulary)"),
                        e.getValue(), sec / 60.0, sec / e.getValue());
            }
            out.printf("%n%-10s %-14s %-5s %-7s %-20s %s%n", "channel", "kind", "axis", "unit", "position", "description");
            for (Channel c : channels) {
                out.printf("%-10s %-14s %-5s %-7s %-20s %s%n", c.name(), c.kind(), c.axis(), c.unit(), c.position(), c.description());
            }
            if (!d.problems().isEmpty()) {
                out.printf("%n%d problems while reading:%n", d.problems().size());
                d.problems().stream().limit(50).forEach(p -> out.println("  " + p));
                if (d.problems().size() > 50) out.printf("  ... and %d more%n", d.problems().size() - 50);
            }
        }
        if (plot != null) {
            List<Session> picked = pickOnePerLabel(d.sessions(), plotSessions);
            SessionPlot.write(picked, d.name() + ": " + picked.size() + " sessions", plot);
            spec.commandLine().getErr().println("wrote " + plot.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    /** Distinct channels over all sessions, in first-seen order. */
    private static List<Channel> channelTable(Dataset d) {
        Set<Channel> seen = new LinkedHashSet<>();
        for (Session s : d.sessions()) seen.addAll(s.channels());
        return new ArrayList<>(seen);
    }

    private static List<Session> pickOnePerLabel(List<Session> sessions, int max) {
        Map<String, Session> byLabel = new LinkedHashMap<>();
        for (Session s : sessions) {
            if (byLabel.size() >= max) break;
            byLabel.putIfAbsent(s.label(), s);
        }
        return new ArrayList<>(byLabel.values());
    }
}
