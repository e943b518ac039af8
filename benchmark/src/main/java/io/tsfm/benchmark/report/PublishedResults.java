package io.tsfm.benchmark.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.benchmark.metrics.MetricKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's published numbers (resource {@code published.json}, copied from the spec's results): rows for
 * systems whose weights cannot be run here (MOMENT, LLaSA) and the reference TSFM's numbers on the same recordings
 * (its "MobiAct" is MobiFall v2.0, read here as {@code mobifall_v2}). Every row is {@link SystemRow.Kind#PUBLISHED}:
 * never presented as measured. Immutable and thread-safe.
 */
public final class PublishedResults {
    private static final String RESOURCE = "published.json";

    private final String source;
    private final Map<String, String> aliases;
    private final Map<String, String> aliasNotes;
    private final JsonNode rows;
    private final JsonNode averages;

    private PublishedResults(JsonNode root) {
        this.source = root.path("_source").asText();
        this.aliases = strings(root.path("dataset_aliases"));
        this.aliasNotes = strings(root.path("alias_notes"));
        this.rows = root.path("rows");
        this.averages = root.path("averages_5_datasets");
    }

    /** The numbers shipped with the benchmark. */
    public static PublishedResults load() {
        try (InputStream in = PublishedResults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new PublishedResults(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Where the numbers come from. */
    public String source() {
        return source;
    }

    /** The reference's name of a dataset of this run (e.g. mobifall_v2 → mobiact), or the name itself. */
    public String referenceName(String dataset) {
        return aliases.getOrDefault(dataset, dataset);
    }

    /** Why a dataset is matched to a differently named reference set, for the datasets that are. */
    public Map<String, String> aliasNotes(List<String> datasets) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String d : datasets) if (aliasNotes.containsKey(d)) out.put(d, aliasNotes.get(d));
        return out;
    }

    /**
     * The published rows over {@code datasets}: a dataset the reference did not report is "not published"; a metric a
     * system has no number for (LLaSA has no fine-tuning) is "n/a".
     */
    public List<SystemRow> rows(List<String> datasets) {
        List<SystemRow> out = new ArrayList<>();
        for (JsonNode r : rows) {
            Map<MetricKind, Map<String, CellValue>> cells = new EnumMap<>(MetricKind.class);
            for (MetricKind m : MetricKind.values()) {
                Map<String, CellValue> byDataset = new LinkedHashMap<>();
                for (String d : datasets) {
                    JsonNode v = r.path("values").path(referenceName(d));
                    if (v.isMissingNode()) {
                        byDataset.put(d, CellValue.notAvailable("not published for this dataset"));
                        continue;
                    }
                    Double acc = number(v, m.id() + "_acc");
                    Double f1 = number(v, m.id() + "_f1");
                    byDataset.put(d, acc == null && f1 == null ? CellValue.notAvailable("not published")
                            : CellValue.published(acc, f1));
                }
                cells.put(m, byDataset);
            }
            out.add(new SystemRow(r.path("name").asText(), SystemRow.Kind.PUBLISHED,
                    r.path("about").asText() + " (published, not measured)", cells));
        }
        return out;
    }

    /** The reference's 5-dataset averages (percent): system → column → value, columns as in the spec's table. */
    public Map<String, Map<String, Double>> fiveDatasetAverages() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = averages.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Double> cols = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> col = c.next();
                cols.put(col.getKey(), col.getValue().isNumber() ? col.getValue().asDouble() : null);
            }
            out.put(e.getKey(), cols);
        }
        return out;
    }

    /** The datasets the 5-dataset averages are over. */
    public List<String> fiveDatasets() {
        List<String> out = new ArrayList<>();
        for (JsonNode d : averages.path("datasets")) out.add(d.asText());
        return out;
    }

    private static Double number(JsonNode v, String field) {
        JsonNode n = v.path(field);
        return n.isNumber() ? n.asDouble() : null;
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
