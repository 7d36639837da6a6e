package io.inquest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Keeps {@code docs/asyncapi.yaml} true to the code: every topic and event type is in it, every
 * event record's schema has exactly the record's fields (a field added to a record and not to
 * the document fails here), and events serialised the way the services serialise them validate
 * against their schemas.
 */
class AsyncApiContractTest {

    private static final AsyncApiDocument DOC = AsyncApiDocument.ofThisRepository();

    /** Jackson as the services have it (Quarkus' defaults): ISO-8601 dates, nulls written. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The fields a producer may leave null (read from the producers: the gateway's normalisers,
     * the investigation runner, the diagnosis). Every other field is always set, so it is in the
     * schema's {@code required} list and not nullable there.
     */
    private static final Map<Class<?>, Set<String>> NULLABLE = Map.of(
            Alert.class, Set.of("summary", "description", "service", "fingerprint", "raw"),
            InvestigationQueued.class, Set.of("service"),
            RcaReport.class, Set.of("trigger"),
            ChangeRecorded.class, Set.of("version", "description", "author", "link"));

    // --- topics and event types -------------------------------------------------------------------

    static Stream<String> topics() throws IllegalAccessException {
        List<String> topics = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("inquest.")) {
                topics.add((String) field.get(null));
            }
        }
        assertThat(topics).as("topic constants in Topics").hasSizeGreaterThanOrEqualTo(5);
        return topics.stream();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everyTopicIsAChannelWithItsMessages(String topic) {
        assertThat(DOC.channelsByAddress()).as("channels of docs/asyncapi.yaml").containsKey(topic);
        assertThat(DOC.messagesOn(topic)).as("messages on " + topic).isNotEmpty();
    }

    @Test
    void everyChannelIsATopicOrTheDeadLetterTopicOfOne() throws IllegalAccessException {
        Set<String> topics = topics().collect(Collectors.toSet());
        for (String address : DOC.channelsByAddress().keySet()) {
            String base = address.endsWith(Topics.DEAD_LETTER_SUFFIX)
                    ? address.substring(0, address.length() - Topics.DEAD_LETTER_SUFFIX.length()) : address;
            assertThat(topics).as("channel " + address + " names a topic of Topics.java").contains(base);
        }
    }

    /** The dead-letter topics the services configure are the ones the document describes. */
    @Test
    void everyConfiguredDeadLetterTopicIsAChannel() throws IOException {
        Path root = repositoryRoot();
        Set<String> configured = new TreeSet<>();
        for (String service : List.of("gateway", "investigation-service", "notification-service")) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(root.resolve(service + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            properties.stringPropertyNames().stream().filter(k -> k.endsWith(".dead-letter-queue.topic"))
                    .forEach(k -> configured.add(properties.getProperty(k)));
        }
        Set<String> documented = DOC.channelsByAddress().keySet().stream()
                .filter(a -> a.endsWith(Topics.DEAD_LETTER_SUFFIX)).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("dead-letter channels vs the services' dead-letter-queue.topic settings")
                .isEqualTo(configured);
        assertThat(configured).allSatisfy(t -> assertThat(DOC.messagesOn(t)).containsExactly("DeadLetter"));
        assertThat(Topics.DEAD_LETTER_TOPICS).as("the dead-letter topics an operator may replay (Topics.DEAD_LETTER_TOPICS)")
                .containsExactlyInAnyOrderElementsOf(configured);
    }

    @Test
    void theSequenceHeaderIsDocumented() {
        assertThat(DOC.tree().at("/components/schemas/HistoryHeaders/allOf/1/required").toString())
                .contains(Topics.SEQUENCE_HEADER);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsAMessageOfItsTopicWithItsRecordAsPayload(EventType type) {
        String message = DOC.messageOn(type.topic(), type.ceType()).orElseThrow(() -> new AssertionError(
                "no message with ce_type " + type.ceType() + " on channel " + type.topic() + " in docs/asyncapi.yaml"));

        assertThat(message).isEqualTo(type.dataType().getSimpleName());
        assertThat(DOC.tree().at("/components/messages/" + message + "/payload/$ref").asText())
                .isEqualTo("#/components/schemas/" + type.dataType().getSimpleName());
    }

    @Test
    void everyMessageWithACeTypeIsAnEventType() {
        for (String topic : DOC.channelsByAddress().keySet()) {
            for (String message : DOC.messagesOn(topic)) {
                DOC.ceTypeOf(message).ifPresent(ceType -> assertThat(EventType.ofCeType(ceType))
                        .as("ce_type " + ceType + " of message " + message + " is in EventType")
                        .hasValueSatisfying(t -> assertThat(t.topic()).as("topic of " + ceType).isEqualTo(topic)));
            }
        }
    }

    // --- schemas against records ------------------------------------------------------------------

    /** Every record that is, or is inside, an event's data. */
    static Stream<Class<?>> eventRecords() {
        Set<Class<?>> found = new LinkedHashSet<>();
        Arrays.stream(EventType.values()).forEach(t -> collectRecords(t.dataType(), found));
        return found.stream();
    }

    private static void collectRecords(Class<?> type, Set<Class<?>> found) {
        if (!type.isRecord() || !found.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            collectRecords(component.getType(), found);
            if (component.getGenericType() instanceof ParameterizedType generic) {
                for (Type argument : generic.getActualTypeArguments()) {
                    if (argument instanceof Class<?> c) {
                        collectRecords(c, found);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("eventRecords")
    void theSchemaHasExactlyTheRecordsFieldsAndRequiresTheOnesAlwaysSet(Class<?> record) {
        JsonNode schema = schemaOf(record);

        assertThat(differences(record, schema, NULLABLE.getOrDefault(record, Set.of()))).as("docs/asyncapi.yaml #/components/schemas/" + record.getSimpleName()
                + " against the record " + record.getName()).isEmpty();
    }

    /** The check above is what fails when a record gains a field the document does not have. */
    @Test
    void aFieldTheSchemaDoesNotHaveIsFound() {
        record InvestigationQueued(String investigationId, String title, String service, Instant queuedAt, String priority) {
        }

        assertThat(differences(InvestigationQueued.class, schemaOf(io.inquest.events.InvestigationQueued.class),
                NULLABLE.get(io.inquest.events.InvestigationQueued.class)))
                .containsExactly("field priority is not in the schema's properties");
    }

    @Test
    void theCategoryEnumIsTheTaxonomy() {
        assertThat(enumOf("RootCauseCategory"))
                .containsExactlyElementsOf(Arrays.stream(RootCauseCategory.values()).map(RootCauseCategory::wireName).toList());
        assertThat(DOC.tree().at("/components/schemas/RcaReport/properties/rootCauseCategory/$ref").asText())
                .isEqualTo("#/components/schemas/RootCauseCategory");
    }

    @Test
    void theSeverityAndStageEnumsAreTheirWireNames() {
        assertThat(enumOf("Severity")).containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::wireName).toList());
        assertThat(enumOf("Stage")).containsExactlyElementsOf(Arrays.stream(Stage.values()).map(Stage::wireName).toList());
    }

    // --- serialised events against the schemas ----------------------------------------------------

    static Stream<Record> sampleEvents() {
        return Stream.concat(Samples.everyEventFullyFilled().stream(), Samples.everyEventWithItsOptionalFieldsNull().stream());
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void aSerialisedEventValidatesAgainstItsMessageSchema(Record event) {
        String message = DOC.messageOn(EventType.of(event.getClass()).topic(), EventType.of(event.getClass()).ceType()).orElseThrow();

        assertThat(DOC.validatePayload(message, JSON.valueToTree(event))).as(message + " data " + JSON.valueToTree(event)).isEmpty();
    }

    @Test
    void everyEventTypeHasSamples() {
        assertThat(sampleEvents().map(e -> EventType.of(e.getClass())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(EventType.values());
    }

    /** The validation above is not vacuous: data outside the contract is rejected, with the place named. */
    @Test
    void aReportWithACategoryOutsideTheTaxonomyIsRejected() {
        ObjectNode completed = JSON.valueToTree(Samples.completed(Samples.fullAlert(), "sometimes"));

        assertThat(DOC.validatePayload("InvestigationCompleted", completed))
                .anySatisfy(e -> assertThat(e.toString()).contains("rootCauseCategory"));
    }

    @Test
    void aRecordWithoutACloudEventIdIsRejected() {
        Map<String, String> headers = new HashMap<>(Map.of("ce_specversion", "1.0", "ce_id", "inq-1:requested",
                "ce_source", EventSources.GATEWAY, "ce_type", EventType.INVESTIGATION_REQUESTED.ceType(),
                "ce_time", "2026-11-04T14:05:00Z", "ce_subject", "inq-1", "content-type", "application/json"));
        String value = JSON.valueToTree(Samples.everyEventFullyFilled().get(0)).toString();
        assertThat(DOC.problemsWith(Topics.INVESTIGATION_REQUESTS, "inq-1", headers, value, "sample")).isEmpty();

        headers.remove("ce_id");

        assertThat(DOC.problemsWith(Topics.INVESTIGATION_REQUESTS, "inq-1", headers, value, "sample"))
                .singleElement().asString().contains("ce_id");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static JsonNode schemaOf(Class<?> record) {
        JsonNode schema = DOC.tree().at("/components/schemas/" + record.getSimpleName());
        assertThat(schema.isMissingNode()).as("docs/asyncapi.yaml has #/components/schemas/" + record.getSimpleName()).isFalse();
        return schema;
    }

    /** What differs between a record's components and its schema: names, required, nullability, JSON type. */
    private static List<String> differences(Class<?> record, JsonNode schema, Set<String> nullable) {
        List<String> differences = new ArrayList<>();
        Set<String> properties = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> components = new LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            components.add(name);
            if (!properties.contains(name)) {
                differences.add("field " + name + " is not in the schema's properties");
                continue;
            }
            boolean alwaysSet = component.getType().isPrimitive() || Collection.class.isAssignableFrom(component.getType())
                    || Map.class.isAssignableFrom(component.getType()) || !nullable.contains(name);
            if (alwaysSet != required.contains(name)) {
                differences.add("field " + name + (alwaysSet ? " is always set but not required" : " may be null but is required"));
            }
            JsonNode property = resolve(schema.path("properties").path(name));
            Set<String> types = new TreeSet<>();
            if (property.path("type").isArray()) {
                property.path("type").forEach(t -> types.add(t.asText()));
            } else if (property.has("type")) {
                types.add(property.path("type").asText());
            }
            if (!alwaysSet && !types.isEmpty() && !types.contains("null")) {
                differences.add("field " + name + " may be null but its type " + types + " does not allow null");
            }
            if (alwaysSet && types.contains("null")) {
                differences.add("field " + name + " is always set but its type allows null");
            }
            String expected = jsonType(component.getType());
            types.remove("null");
            if (expected != null && !types.equals(Set.of(expected))) {
                differences.add("field " + name + " is " + expected + " in JSON but the schema says " + types);
            }
        }
        properties.stream().filter(p -> !components.contains(p))
                .forEach(p -> differences.add("property " + p + " is not a field of the record"));
        required.stream().filter(r -> !properties.contains(r))
                .forEach(r -> differences.add("required " + r + " is not a property"));
        return differences;
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            current = DOC.tree().at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    /** The JSON type Jackson writes for a Java type; null for any JSON ({@code JsonNode}). */
    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Instant.class || type.isEnum()) {
            return "string";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return null;
        }
        throw new IllegalArgumentException("no JSON type known for " + type);
    }

    private static List<String> enumOf(String schema) {
        List<String> values = new ArrayList<>();
        DOC.tree().at("/components/schemas/" + schema + "/enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The checkout: the nearest directory above the working directory with the services in it. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isDirectory(dir.resolve("notification-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside an Inquest checkout: " + Path.of("").toAbsolutePath());
    }
}
