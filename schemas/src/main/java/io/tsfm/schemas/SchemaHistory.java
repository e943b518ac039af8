package io.tsfm.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every wire schema, found by its 64-bit Avro fingerprint (CRC-64-AVRO of the parsing
 * canonical form, the fingerprint in a single-object header). This is what lets a reader of the newest schema decode
 * bytes an older producer wrote, without a schema registry.
 *
 * <p>The versions are frozen resource files {@code io/tsfm/schemas/avro/history/<Name>.v<N>.avsc}, listed in
 * {@code history/INDEX}. Changing a schema in {@code src/main/avro} means adding the next frozen version there; a test
 * fails while the newest frozen version differs from the generated class.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaHistory implements SchemaStore {

    private static final String ROOT = "/io/tsfm/schemas/avro/history/";
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\.v([1-9][0-9]*)\\.avsc");

    /** One frozen schema version. */
    public record Version(String fullName, int version, long fingerprint, Schema schema) {
        @Override
        public String toString() {
            return schema.getName() + " v" + version + " (fingerprint " + hex(fingerprint) + ")";
        }
    }

    private static volatile SchemaHistory bundled;

    private final Map<Long, Version> byFingerprint;
    private final Map<String, List<Version>> byName;

    private SchemaHistory(List<Version> versions) {
        Map<Long, Version> fp = new HashMap<>();
        Map<String, List<Version>> names = new LinkedHashMap<>();
        for (Version v : versions) {
            Version clash = fp.putIfAbsent(v.fingerprint(), v);
            if (clash != null) {
                throw new IllegalStateException("schema history: " + v + " is identical to " + clash
                        + "; freeze a new version only when the schema changes");
            }
            List<Version> list = names.computeIfAbsent(v.fullName(), k -> new ArrayList<>());
            if (v.version() != list.size() + 1) {
                throw new IllegalStateException("schema history: expected " + v.schema().getName() + " v"
                        + (list.size() + 1) + " next in INDEX but found v" + v.version());
            }
            list.add(v);
        }
        names.replaceAll((k, list) -> List.copyOf(list));
        this.byFingerprint = Map.copyOf(fp);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** The history bundled with this module (loaded once). */
    public static SchemaHistory bundled() {
        SchemaHistory h = bundled;
        if (h == null) {
            synchronized (SchemaHistory.class) {
                h = bundled;
                if (h == null) {
                    h = load();
                    bundled = h;
                }
            }
        }
        return h;
    }

    private static SchemaHistory load() {
        List<Version> versions = new ArrayList<>();
        try (InputStream index = open("INDEX");
             BufferedReader in = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                Matcher m = FILE_NAME.matcher(name);
                if (!m.matches()) {
                    throw new IllegalStateException(ROOT + "INDEX line " + lineNo + ": '" + name
                            + "' is not <Name>.v<N>.avsc");
                }
                Schema schema;
                try (InputStream s = open(name)) {
                    // one parser per file: versions of one type share a full name
                    schema = new Schema.Parser().parse(s);
                }
                if (!schema.getName().equals(m.group(1))) {
                    throw new IllegalStateException(ROOT + name + ": file name says " + m.group(1)
                            + " but the schema is " + schema.getFullName());
                }
                versions.add(new Version(schema.getFullName(), Integer.parseInt(m.group(2)),
                        SchemaNormalization.parsingFingerprint64(schema), schema));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema history " + ROOT, e);
        }
        return new SchemaHistory(versions);
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("missing resource " + ROOT + name);
        }
        return in;
    }

    /** {@inheritDoc} Returns null for an unknown fingerprint, as {@link SchemaStore} requires. */
    @Override
    public Schema findByFingerprint(long fingerprint) {
        Version v = byFingerprint.get(fingerprint);
        return v == null ? null : v.schema();
    }

    /** The version with this fingerprint, if any. */
    public Optional<Version> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** All versions of the record type with this full name, oldest first; empty if unknown. */
    public List<Version> versions(String fullName) {
        return byName.getOrDefault(fullName, List.of());
    }

    /** Full names of all record types in the history. */
    public List<String> recordTypes() {
        return List.copyOf(byName.keySet());
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }
}
