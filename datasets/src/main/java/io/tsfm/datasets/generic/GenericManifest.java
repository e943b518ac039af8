package io.tsfm.datasets.generic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The manifest {@code tsfm-dataset.json} of a dataset in the generic labelled-CSV format, parsed and
 * validated: every error names the field ({@code channels[2].unit}). The format is documented in
 * {@code docs/data-generic-csv.md}. Immutable and thread-safe.
 */
public final class GenericManifest {
    /** The manifest's file name inside a dataset folder. */
    public static final String FILE_NAME = "tsfm-dataset.json";
    /** The only format version understood. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_FIELDS = Set.of("format_version", "name", "display_name", "description",
            "role", "licence", "citation", "delimiter", "rate_hz", "timestamp_column", "timestamp_unit",
            "max_gap_s", "channels", "label_column", "subject_column", "files", "file_pattern", "labels",
            "label_map", "ignore_labels", "synonym_groups");
    private static final Set<String> CHANNEL_FIELDS = Set.of("column", "name", "kind", "axis", "unit", "position",
            "description");
    private static final Set<String> FILE_FIELDS = Set.of("label", "subject");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * One channel: the CSV column it is read from and what it is.
     *
     * @param column CSV header name
     * @param channel the channel as it appears in sessions (unit is canonical for its kind)
     * @param sourceUnit the unit of the CSV values
     * @param scale factor that converts the CSV values to the canonical unit
     */
    public record ChannelSpec(String column, Channel channel, String sourceUnit, double scale) {}

    /**
     * Per-file facts given in the {@code files} map.
     *
     * @param label  the activity of the whole file, or null when labels come from a column
     * @param subject the subject, or null
     */
    public record FileSpec(String label, String subject) {}

    private final String name;
    private final String displayName;
    private final String description;
    private final DatasetRole role;
    private final String licence;
    private final String citation;
    private final char delimiter;
    private final double rateHz;
    private final String timestampColumn;
    private final double timestampToSeconds;
    private final String timestampUnit;
    private final double maxGapSeconds;
    private final List<ChannelSpec> channels;
    private final String labelColumn;
    private final String subjectColumn;
    private final Map<String, FileSpec> files;
    private final Pattern filePattern;
    private final List<String> labels;
    private final Map<String, String> labelMap;
    private final Set<String> ignoreLabels;
    private final Map<String, List<String>> synonymGroups;

    private GenericManifest(Parser p) {
        this.name = p.name;
        this.displayName = p.displayName;
        this.description = p.description;
        this.role = p.role;
        this.licence = p.licence;
        this.citation = p.citation;
        this.delimiter = p.delimiter;
        this.rateHz = p.rateHz;
        this.timestampColumn = p.timestampColumn;
        this.timestampToSeconds = p.timestampToSeconds;
        this.timestampUnit = p.timestampUnit;
        this.maxGapSeconds = p.maxGapSeconds;
        this.channels = List.copyOf(p.channels);
        this.labelColumn = p.labelColumn;
        this.subjectColumn = p.subjectColumn;
        this.files = p.files == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p.files));
        this.filePattern = p.filePattern;
        this.labels = p.labels == null ? null : List.copyOf(p.labels);
        this.labelMap = Map.copyOf(p.labelMap);
        this.ignoreLabels = Set.copyOf(p.ignoreLabels);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        p.synonymGroups.forEach((g, ls) -> groups.put(g, List.copyOf(ls)));
        this.synonymGroups = java.util.Collections.unmodifiableMap(groups);
    }

    /**
     * Parses and validates a manifest.
     *
     * @param json the manifest bytes
     * @param file the manifest's path, for messages
     * @throws DataFormatException naming the field (and line/column for JSON syntax errors)
     */
    public static GenericManifest parse(byte[] json, String file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new DataFormatException(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, 0, 0, "unreadable: " + e.getMessage(), e);
        }
        return new GenericManifest(new Parser(file, root));
    }

    /** Short name; must equal the dataset folder's name. */
    public String name() { return name; }
    public String displayName() { return displayName; }
    /** The dataset description given to the model. */
    public String description() { return description; }
    public DatasetRole role() { return role; }
    public String licence() { return licence; }
    public String citation() { return citation; }
    public char delimiter() { return delimiter; }
    /** Sampling rate of the rows, or the target rate when timestamps are resampled. */
    public double rateHz() { return rateHz; }
    /** The timestamp column, if rows carry timestamps. */
    public Optional<String> timestampColumn() { return Optional.ofNullable(timestampColumn); }
    /** Factor from the timestamp unit to seconds. */
    public double timestampToSeconds() { return timestampToSeconds; }
    public String timestampUnit() { return timestampUnit; }
    /** With timestamps: a longer gap between two rows ends a session instead of being interpolated. */
    public double maxGapSeconds() { return maxGapSeconds; }
    public List<ChannelSpec> channels() { return channels; }
    public Optional<String> labelColumn() { return Optional.ofNullable(labelColumn); }
    public Optional<String> subjectColumn() { return Optional.ofNullable(subjectColumn); }
    /** The {@code files} map (relative path → per-file facts), if given; then exactly these files are read. */
    public Optional<Map<String, FileSpec>> files() { return Optional.ofNullable(files); }
    /** The file-name pattern (named groups {@code label}, {@code subject}), if given. */
    public Optional<Pattern> filePattern() { return Optional.ofNullable(filePattern); }
    /** The declared label vocabulary (normalised), if given; else labels must be in the default vocabulary. */
    public Optional<List<String>> labels() { return Optional.ofNullable(labels); }
    /** Raw label value → label. */
    public Map<String, String> labelMap() { return labelMap; }
    /** Raw label values whose rows are skipped on purpose (a null class). */
    public Set<String> ignoreLabels() { return ignoreLabels; }
    /**
     * The dataset's own synonym groups (group → labels, all normalised, in manifest order), empty when not given. A
     * group named like a default-vocabulary group extends it; each label is in at most one group and never in a
     * default group other than its own.
     */
    public Map<String, List<String>> synonymGroups() { return synonymGroups; }

    /** Whether {@code label} (normalised) is one of the labels the manifest lets sessions carry. */
    public boolean allowsLabel(String label) {
        if (labels != null) return labels.contains(label);
        return LabelVocabulary.defaults().contains(label) || declaresLabel(label);
    }

    private boolean declaresLabel(String label) {
        for (List<String> ls : synonymGroups.values()) if (ls.contains(label)) return true;
        return false;
    }

    /** Where labels must come from, for messages. */
    public String labelSourceName() {
        if (labels != null) return "the manifest's 'labels'";
        return synonymGroups.isEmpty() ? "the default label vocabulary"
                : "the default label vocabulary or the manifest's 'synonym_groups'";
    }

    /** How the rows are brought to {@link #rateHz()}, as recorded in the dataset manifest. */
    public String resampling() {
        if (timestampColumn == null) return "none";
        return LinearResampler.METHOD + " at " + fmt(rateHz) + " Hz from timestamp column '" + timestampColumn
                + "' (" + timestampUnit + "); gaps over " + fmt(maxGapSeconds) + " s split sessions";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Field-by-field validation; every message names the field. */
    private static final class Parser {
        final String file;
        String name;
        String displayName;
        String description;
        DatasetRole role;
        String licence;
        String citation;
        char delimiter = ',';
        double rateHz;
        String timestampColumn;
        double timestampToSeconds = 1.0;
        String timestampUnit = "s";
        double maxGapSeconds = 1.0;
        final List<ChannelSpec> channels = new ArrayList<>();
        String labelColumn;
        String subjectColumn;
        Map<String, FileSpec> files;
        Pattern filePattern;
        List<String> labels;
        final Map<String, String> labelMap = new LinkedHashMap<>();
        final Set<String> ignoreLabels = new TreeSet<>();
        final Map<String, List<String>> synonymGroups = new LinkedHashMap<>();

        Parser(String file, JsonNode root) {
            this.file = file;
            if (root == null || !root.isObject()) throw fail("(top level)", "must be a JSON object");
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!TOP_FIELDS.contains(f)) throw fail(f, "unknown field (known: " + new TreeSet<>(TOP_FIELDS) + ")");
            }
            if (root.has("format_version")) {
                JsonNode v = root.get("format_version");
                if (!v.canConvertToInt() || v.asInt() != FORMAT_VERSION) {
                    throw fail("format_version", "must be " + FORMAT_VERSION + ", got " + v);
                }
            }
            name = requiredText(root, "name");
            if (!NAME.matcher(name).matches()) {
                throw fail("name", "'" + name + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
            }
            displayName = optionalText(root, "display_name", name);
            description = requiredText(root, "description");
            role = parseRole(requiredText(root, "role"));
            licence = optionalText(root, "licence", "");
            citation = optionalText(root, "citation", "");
            String d = optionalText(root, "delimiter", ",");
            if (d.equals("\\t") || d.equals("tab")) d = "\t";
            if (d.length() != 1) throw fail("delimiter", "must be one character, got '" + d + "'");
            delimiter = d.charAt(0);
            parseTiming(root);
            parseChannels(root);
            parseLabelsAndSubjects(root);
        }

        private void parseTiming(JsonNode root) {
            if (!root.has("rate_hz")) {
                throw fail("rate_hz", "missing: give the sampling rate of the rows, or with 'timestamp_column' the rate to resample to");
            }
            rateHz = positive(root, "rate_hz");
            timestampColumn = optionalText(root, "timestamp_column", null);
            if (timestampColumn != null) {
                timestampUnit = requiredText(root, "timestamp_unit");
                switch (timestampUnit) {
                    case "s": timestampToSeconds = 1.0; break;
                    case "ms": timestampToSeconds = 1e-3; break;
                    case "us": timestampToSeconds = 1e-6; break;
                    case "ns": timestampToSeconds = 1e-9; break;
                    default: throw fail("timestamp_unit", "'" + timestampUnit + "' is not one of s, ms, us, ns");
                }
                if (root.has("max_gap_s")) maxGapSeconds = positive(root, "max_gap_s");
            } else {
                if (root.has("timestamp_unit")) throw fail("timestamp_unit", "given without 'timestamp_column'");
                if (root.has("max_gap_s")) throw fail("max_gap_s", "only applies with 'timestamp_column'");
            }
        }

        private void parseChannels(JsonNode root) {
            JsonNode cs = root.get("channels");
            if (cs == null || !cs.isArray() || cs.isEmpty()) throw fail("channels", "missing or empty: list at least one channel");
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < cs.size(); i++) {
                String at = "channels[" + i + "]";
                JsonNode c = cs.get(i);
                if (!c.isObject()) throw fail(at, "must be an object");
                for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!CHANNEL_FIELDS.contains(f)) throw fail(at + "." + f, "unknown field (known: " + new TreeSet<>(CHANNEL_FIELDS) + ")");
                }
                String column = requiredText(c, "column", at);
                String chName = optionalText(c, "name", column);
                if (!names.add(chName)) throw fail(at + ".name", "duplicate channel name '" + chName + "'");
                SensorKind kind = parseKind(requiredText(c, "kind", at), at + ".kind");
                String axis = optionalText(c, "axis", "").toLowerCase(Locale.ROOT);
                String unit = requiredText(c, "unit", at);
                double scale;
                try {
                    scale = Units.toCanonical(kind, unit);
                } catch (IllegalArgumentException e) {
                    throw fail(at + ".unit", e.getMessage());
                }
                String position = optionalText(c, "position", "");
                String desc = optionalText(c, "description", Channel.describe(kind, axis, position));
                String stored = kind.canonicalUnit().isEmpty() ? unit : kind.canonicalUnit();
                channels.add(new ChannelSpec(column, new Channel(chName, kind, axis, stored, position, desc), unit, scale));
            }
        }

        private void parseLabelsAndSubjects(JsonNode root) {
            labelColumn = optionalText(root, "label_column", null);
            subjectColumn = optionalText(root, "subject_column", null);
            if (root.has("files")) {
                JsonNode fs = root.get("files");
                if (!fs.isObject() || fs.isEmpty()) throw fail("files", "must be a non-empty object: file path → {label, subject}");
                files = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = fs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = "files[\"" + e.getKey() + "\"]";
                    JsonNode v = e.getValue();
                    if (!v.isObject()) throw fail(at, "must be an object with 'label' and/or 'subject'");
                    for (Iterator<String> f = v.fieldNames(); f.hasNext(); ) {
                        String k = f.next();
                        if (!FILE_FIELDS.contains(k)) throw fail(at + "." + k, "unknown field (known: label, subject)");
                    }
                    files.put(e.getKey(), new FileSpec(optionalText(v, "label", null, at), optionalText(v, "subject", null, at)));
                }
            }
            if (root.has("file_pattern")) {
                String p = requiredText(root, "file_pattern");
                try {
                    filePattern = Pattern.compile(p);
                } catch (PatternSyntaxException e) {
                    throw fail("file_pattern", "not a valid regular expression: " + e.getDescription());
                }
                if (files != null) throw fail("file_pattern", "give either 'files' or 'file_pattern', not both");
            }
            boolean patternLabel = filePattern != null && filePattern.pattern().contains("(?<label>");
            boolean patternSubject = filePattern != null && filePattern.pattern().contains("(?<subject>");
            long fileLabels = files == null ? 0 : files.values().stream().filter(f -> f.label() != null).count();
            int sources = (labelColumn != null ? 1 : 0) + (fileLabels > 0 ? 1 : 0) + (patternLabel ? 1 : 0);
            if (sources == 0) {
                throw fail("label_column", "no label source: give 'label_column', a 'label' per entry of 'files', "
                        + "or a 'file_pattern' with a named group (?<label>...)");
            }
            if (sources > 1) {
                throw fail("label_column", "labels given more than one way; use exactly one of 'label_column', "
                        + "'files' labels, 'file_pattern' (?<label>...)");
            }
            if (files != null && fileLabels > 0 && fileLabels < files.size()) {
                for (Map.Entry<String, FileSpec> e : files.entrySet()) {
                    if (e.getValue().label() == null) throw fail("files[\"" + e.getKey() + "\"].label", "missing (other files have one)");
                }
            }
            long fileSubjects = files == null ? 0 : files.values().stream().filter(f -> f.subject() != null).count();
            if (subjectColumn != null && (fileSubjects > 0 || patternSubject)) {
                throw fail("subject_column", "subjects given more than one way; use 'subject_column' or per-file subjects");
            }
            if (root.has("labels")) {
                JsonNode ls = root.get("labels");
                if (!ls.isArray() || ls.isEmpty()) throw fail("labels", "must be a non-empty list of activity labels");
                labels = new ArrayList<>();
                for (int i = 0; i < ls.size(); i++) {
                    if (!ls.get(i).isTextual()) throw fail("labels[" + i + "]", "must be a string");
                    String l = LabelVocabulary.normalize(ls.get(i).asText());
                    if (l.isEmpty()) throw fail("labels[" + i + "]", "empty label");
                    labels.add(l);
                }
            }
            if (root.has("label_map")) {
                JsonNode m = root.get("label_map");
                if (!m.isObject()) throw fail("label_map", "must be an object: raw value → label");
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) throw fail("label_map[\"" + e.getKey() + "\"]", "must be a string");
                    labelMap.put(e.getKey().trim(), e.getValue().asText());
                }
            }
            if (root.has("ignore_labels")) {
                JsonNode ig = root.get("ignore_labels");
                if (!ig.isArray()) throw fail("ignore_labels", "must be a list of raw label values");
                for (int i = 0; i < ig.size(); i++) {
                    if (!ig.get(i).isValueNode()) throw fail("ignore_labels[" + i + "]", "must be a string or number");
                    ignoreLabels.add(ig.get(i).asText().trim());
                }
            }
            parseSynonymGroups(root);
            checkFixedLabels();
        }

        /**
         * {@code synonym_groups}: group → the dataset's labels in it. Checked here so that a label in two groups, or
         * one moved out of its default group (which would make a model's own label count in two groups), fails before
         * any file is read.
         */
        private void parseSynonymGroups(JsonNode root) {
            if (!root.has("synonym_groups")) return;
            JsonNode sg = root.get("synonym_groups");
            if (!sg.isObject() || sg.isEmpty()) {
                throw fail("synonym_groups", "must be a non-empty object: group name → list of the dataset's labels");
            }
            LabelVocabulary defaults = LabelVocabulary.defaults();
            Map<String, String> groupOf = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sg.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "synonym_groups[\"" + e.getKey() + "\"]";
                String group = LabelVocabulary.normalize(e.getKey());
                if (group.isEmpty()) throw fail(at, "empty group name");
                if (synonymGroups.containsKey(group)) {
                    throw fail(at, "group '" + group + "' is given twice (names are compared in snake_case)");
                }
                JsonNode ls = e.getValue();
                if (!ls.isArray() || ls.isEmpty()) {
                    throw fail(at, "group '" + group + "' has no labels: give a non-empty list of the dataset's labels");
                }
                List<String> members = new ArrayList<>();
                for (int i = 0; i < ls.size(); i++) {
                    String li = at + "[" + i + "]";
                    if (!ls.get(i).isTextual()) throw fail(li, "must be a string");
                    String l = LabelVocabulary.normalize(ls.get(i).asText());
                    if (l.isEmpty()) throw fail(li, "empty label");
                    String prev = groupOf.put(l, group);
                    if (prev != null && !prev.equals(group)) {
                        throw fail(li, "label '" + l + "' is in two groups: '" + prev + "' and '" + group + "'");
                    }
                    String builtIn = defaults.findGroup(l).orElse(null);
                    if (builtIn != null && !builtIn.equals(group)) {
                        throw fail(li, "label '" + l + "' is already in the default vocabulary's group '" + builtIn
                                + "'; a label belongs to one group (list it under \"" + builtIn + "\" or not at all)");
                    }
                    if (labels != null && !labels.contains(l)) {
                        throw fail(li, "label '" + l + "' is not in 'labels', so no row can carry it");
                    }
                    if (!members.contains(l)) members.add(l);
                }
                synonymGroups.put(group, members);
            }
        }

        /** Labels fixed in the manifest are checked now, so a typo fails before any file is read. */
        private void checkFixedLabels() {
            List<String> vocab = labels;
            LabelVocabulary defaults = vocab == null ? LabelVocabulary.defaults() : null;
            for (Map.Entry<String, String> e : labelMap.entrySet()) {
                String l = LabelVocabulary.normalize(e.getValue());
                boolean declared = synonymGroups.values().stream().anyMatch(ls -> ls.contains(l));
                if (vocab != null ? !vocab.contains(l) : !defaults.contains(l) && !declared) {
                    throw fail("label_map[\"" + e.getKey() + "\"]", "label '" + l + "' is not in "
                            + (vocab != null ? "'labels'" : synonymGroups.isEmpty() ? "the default label vocabulary"
                            : "the default label vocabulary or 'synonym_groups'"));
                }
            }
        }

        private DatasetRole parseRole(String r) {
            switch (r.toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "train": return DatasetRole.TRAIN;
                case "zero_shot": return DatasetRole.ZERO_SHOT;
                case "user": return DatasetRole.USER;
                default: throw fail("role", "'" + r + "' is not one of train, zero_shot, user");
            }
        }

        private SensorKind parseKind(String k, String at) {
            switch (k.toLowerCase(Locale.ROOT)) {
                case "accelerometer": case "acc": return SensorKind.ACCELEROMETER;
                case "gyroscope": case "gyro": return SensorKind.GYROSCOPE;
                case "magnetometer": case "mag": return SensorKind.MAGNETOMETER;
                case "orientation": case "ori": return SensorKind.ORIENTATION;
                case "other": return SensorKind.OTHER;
                default: throw fail(at, "'" + k + "' is not one of accelerometer, gyroscope, magnetometer, orientation, other");
            }
        }

        private double positive(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                throw fail(field, "must be a positive number, got " + v);
            }
            return v.asDouble();
        }

        private String requiredText(JsonNode n, String field) {
            return requiredText(n, field, null);
        }

        private String requiredText(JsonNode n, String field, String at) {
            String v = optionalText(n, field, null, at);
            if (v == null || v.isBlank()) throw fail(path(at, field), "missing or empty");
            return v;
        }

        private String optionalText(JsonNode n, String field, String def) {
            return optionalText(n, field, def, null);
        }

        private String optionalText(JsonNode n, String field, String def, String at) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) return def;
            if (!v.isTextual() && !v.isNumber()) throw fail(path(at, field), "must be a string, got " + v.getNodeType());
            return v.asText().trim();
        }

        private static String path(String at, String field) {
            return at == null ? field : at + "." + field;
        }

        private DataFormatException fail(String field, String reason) {
            return new DataFormatException(file, 0, 0, "field '" + field + "': " + reason);
        }
    }
}
