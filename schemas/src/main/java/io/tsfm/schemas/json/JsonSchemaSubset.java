package io.tsfm.schemas.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validator for the subset of JSON Schema (draft 2020-12) that this project's schema files use, so the schema file
 * is the single statement of the rules and Java merely enforces it. Every violation is reported with the JSONPath of
 * the offending value ({@code $.files[2].sha256: ...}); all of them are collected, not just the first.
 *
 * <p>Supported keywords: {@value #KEYWORDS_DOC}. A schema using any other keyword is refused when it is loaded, so no
 * constraint in a schema file can silently go unchecked. {@code $ref} resolves local pointers ({@code #/$defs/x}).
 *
 * <p>Immutable and thread-safe.
 */
public final class JsonSchemaSubset {

    static final String KEYWORDS_DOC = "$schema, $id, $comment, title, description, $defs, $ref, type, enum, const, "
            + "properties, required, additionalProperties, propertyNames, items, minItems, maxItems, uniqueItems, "
            + "minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern";

    private static final Set<String> KEYWORDS = Set.of(KEYWORDS_DOC.split(", "));
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /**
     * Wraps a parsed schema.
     *
     * @throws IllegalArgumentException naming the schema location of an unsupported keyword or a bad {@code $ref}
     */
    public static JsonSchemaSubset of(JsonNode schema) {
        JsonSchemaSubset s = new JsonSchemaSubset(schema);
        s.checkSchema(schema, "#");
        return s;
    }

    /** Every violation of the schema by {@code instance}, as {@code "<JSONPath>: <problem>"}; empty when valid. */
    public List<String> validate(JsonNode instance) {
        List<String> problems = new ArrayList<>();
        validate(root, instance, "$", problems);
        return problems;
    }

    private void checkSchema(JsonNode schema, String at) {
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema " + at + " is neither an object nor a boolean");
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYWORDS.contains(k)) {
                throw new IllegalArgumentException("schema " + at + " uses keyword '" + k
                        + "', which this validator does not enforce (supported: " + KEYWORDS_DOC + ")");
            }
        }
        for (String k : List.of("properties", "$defs")) {
            JsonNode children = schema.get(k);
            if (children != null) {
                children.properties().forEach(e -> checkSchema(e.getValue(), at + "/" + k + "/" + e.getKey()));
            }
        }
        for (String k : List.of("items", "additionalProperties", "propertyNames")) {
            JsonNode child = schema.get(k);
            if (child != null) {
                checkSchema(child, at + "/" + k);
            }
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && resolve(ref.asText()).isMissingNode()) {
            throw new IllegalArgumentException("schema " + at + ": $ref '" + ref.asText() + "' does not resolve");
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null) {
            pattern(pattern.asText());
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return MissingNode.getInstance();
        }
        return root.at(JsonPointer.compile(ref.substring(1)));
    }

    private Pattern pattern(String p) {
        return patterns.computeIfAbsent(p, Pattern::compile);
    }

    private void validate(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                problems.add(path + ": no value is allowed here");
            }
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            validate(resolve(ref.asText()), value, path, problems);
        }
        JsonNode type = schema.get("type");
        if (type != null && !hasType(type, value)) {
            problems.add(path + ": expected " + (type.isArray() ? "one of " + type : type.asText()) + ", got "
                    + describe(value));
            return; // the other keywords would only repeat the same mistake
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !same(constant, value)) {
            problems.add(path + ": must be " + constant + ", got " + value);
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !contains(allowed, value)) {
            problems.add(path + ": must be one of " + allowed + ", got " + value);
        }
        if (value.isNumber()) {
            checkNumber(schema, value, path, problems);
        }
        if (value.isTextual()) {
            checkString(schema, value.textValue(), path, problems);
        }
        if (value.isArray()) {
            checkArray(schema, value, path, problems);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, problems);
        }
    }

    private void checkNumber(JsonNode schema, JsonNode value, String path, List<String> problems) {
        double v = value.doubleValue();
        bound(schema, "minimum", path, problems, m -> v >= m, "must be >= ", value);
        bound(schema, "maximum", path, problems, m -> v <= m, "must be <= ", value);
        bound(schema, "exclusiveMinimum", path, problems, m -> v > m, "must be > ", value);
        bound(schema, "exclusiveMaximum", path, problems, m -> v < m, "must be < ", value);
    }

    private static void bound(JsonNode schema, String keyword, String path, List<String> problems,
                              DoublePredicate ok, String what, JsonNode value) {
        JsonNode limit = schema.get(keyword);
        if (limit != null && !ok.test(limit.doubleValue())) {
            problems.add(path + ": " + what + limit + ", got " + value);
        }
    }

    private void checkString(JsonNode schema, String s, String path, List<String> problems) {
        int length = s.codePointCount(0, s.length());
        JsonNode min = schema.get("minLength");
        if (min != null && length < min.intValue()) {
            problems.add(path + ": must be at least " + min.intValue() + " characters, got \"" + s + "\"");
        }
        JsonNode max = schema.get("maxLength");
        if (max != null && length > max.intValue()) {
            problems.add(path + ": must be at most " + max.intValue() + " characters, got " + length);
        }
        JsonNode p = schema.get("pattern");
        if (p != null && !pattern(p.asText()).matcher(s).find()) {
            problems.add(path + ": must match " + p.asText() + ", got \"" + s + "\"");
        }
    }

    private void checkArray(JsonNode schema, JsonNode array, String path, List<String> problems) {
        JsonNode min = schema.get("minItems");
        if (min != null && array.size() < min.intValue()) {
            problems.add(path + ": must have at least " + min.intValue() + " items, got " + array.size());
        }
        JsonNode max = schema.get("maxItems");
        if (max != null && array.size() > max.intValue()) {
            problems.add(path + ": must have at most " + max.intValue() + " items, got " + array.size());
        }
        JsonNode unique = schema.get("uniqueItems");
        if (unique != null && unique.booleanValue()) {
            for (int i = 0; i < array.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (same(array.get(i), array.get(j))) {
                        problems.add(path + "[" + i + "]: duplicate of " + path + "[" + j + "] (" + array.get(i) + ")");
                        break;
                    }
                }
            }
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < array.size(); i++) {
                validate(items, array.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode object, String path, List<String> problems) {
        JsonNode properties = schema.get("properties");
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!object.has(r.asText())) {
                    problems.add(child(path, r.asText()) + ": required field is missing");
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        JsonNode names = schema.get("propertyNames");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String at = child(path, e.getKey());
            if (names != null) {
                List<String> nameProblems = new ArrayList<>();
                validate(names, TextNode.valueOf(e.getKey()), at, nameProblems);
                nameProblems.forEach(p -> problems.add(p.replaceFirst(": ", ": field name ")));
            }
            JsonNode declared = properties == null ? null : properties.get(e.getKey());
            if (declared != null) {
                validate(declared, e.getValue(), at, problems);
            } else if (additional != null) {
                if (additional.isBoolean() && !additional.booleanValue()) {
                    problems.add(at + ": unknown field (allowed: " + allowedNames(properties) + ")");
                } else {
                    validate(additional, e.getValue(), at, problems);
                }
            }
        }
    }

    private static String allowedNames(JsonNode properties) {
        if (properties == null) {
            return "none";
        }
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.stream().collect(Collectors.joining(", "));
    }

    private static String child(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "['" + key.replace("'", "\\'") + "']";
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (hasType(t.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return hasType(type.asText(), value);
    }

    private static boolean hasType(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "number" -> v.isNumber();
            // JSON Schema: an integer is any number with a zero fractional part (1.0 included)
            case "integer" -> v.isIntegralNumber() || v.isNumber() && isWhole(v);
            default -> throw new IllegalStateException("unknown JSON Schema type '" + type + "'");
        };
    }

    private static boolean isWhole(JsonNode v) {
        try {
            return v.decimalValue().stripTrailingZeros().scale() <= 0;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode a : allowed) {
            if (same(a, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality, with numbers compared by value (64 equals 64.0). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String describe(JsonNode v) {
        String kind = v.isObject() ? "object" : v.isArray() ? "array" : v.isTextual() ? "string"
                : v.isBoolean() ? "boolean" : v.isNull() ? "null" : "number";
        return v.isContainerNode() ? kind : kind + " " + v;
    }
}
