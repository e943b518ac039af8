package io.tsfm.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSchemaSubsetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void refusesSchemasItCannotEnforce() {
        assertThatThrownBy(() -> JsonSchemaSubset.of(json("{\"properties\": {\"a\": {\"oneOf\": []}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema #/properties/a uses keyword 'oneOf'");
        assertThatThrownBy(() -> JsonSchemaSubset.of(json("{\"$ref\": \"#/$defs/missing\"}")))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void checksTypesBoundsPatternsAndNames() throws Exception {
        JsonSchemaSubset s = JsonSchemaSubset.of(json("""
                {"type": "object", "required": ["n"], "additionalProperties": {"type": "integer", "maximum": 9},
                 "propertyNames": {"pattern": "^[a-z]+$"},
                 "properties": {"n": {"type": "integer"}, "tags": {"type": "array", "uniqueItems": true}}}
                """));
        assertThat(s.validate(json("{\"n\": 64.0, \"x\": 3}"))).isEmpty();
        assertThat(s.validate(json("{\"n\": 1.5, \"Y\": 3, \"z\": 10, \"tags\": [1, 1.0], \"odd key\": 1}")))
                .containsExactlyInAnyOrder(
                        "$.n: expected integer, got number 1.5",
                        "$.Y: field name must match ^[a-z]+$, got \"Y\"",
                        "$.z: must be <= 9, got 10",
                        "$.tags[1]: duplicate of $.tags[0] (1.0)",
                        "$['odd key']: field name must match ^[a-z]+$, got \"odd key\"");
        assertThat(s.validate(json("[]"))).containsExactly("$: expected object, got array");
    }
}
