package io.inquest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void completedEventSurvivesAJsonRoundTrip() throws Exception {
        Alert alert = new Alert("generic", "Checkout latency", null, "p95 doubled", Severity.WARNING, "checkout",
                Map.of("env", "prod"), Map.of(), Map.of("runbook", "https://runbooks.local/x"),
                Instant.parse("2026-11-04T14:05:00Z"), "fp-1", null);
        RcaReport report = new RcaReport("deploy 1.2 of checkout", "change", 0.8,
                List.of(new ValidatedClaim("deploy 7 min before", List.of("recent_changes"), "supported")),
                List.of("roll back checkout to 1.1"), List.of("deploy", "latency"), new RunStats(3, 2, 0.8, 1200));
        var event = new InvestigationCompleted("inq-1", alert, List.of("a@example.com"), report, Instant.EPOCH);

        String text = json.writeValueAsString(event);

        assertThat(json.readValue(text, InvestigationCompleted.class)).isEqualTo(event);
        assertThat(text).contains("\"severity\":\"warning\"").contains("\"startsAt\":\"2026-11-04T14:05:00Z\"");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() throws Exception {
        var queued = json.readValue("{\"investigationId\":\"inq-2\",\"title\":\"t\",\"future\":1}", InvestigationQueued.class);

        assertThat(queued.investigationId()).isEqualTo("inq-2");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsFoundByItsCeTypeAndItsRecord(EventType type) {
        assertThat(EventType.ofCeType(type.ceType())).contains(type);
        assertThat(EventType.of(type.dataType())).isEqualTo(type);
        assertThat(type.ceType()).startsWith("io.inquest.").endsWith(".v1");
    }

    @ParameterizedTest
    @CsvSource({"critical,CRITICAL", "P1,CRITICAL", "error,ERROR", "warning,WARNING", "info,INFO", "bogus,WARNING"})
    void severityWordsAreNormalised(String word, Severity expected) {
        assertThat(Severity.normalise(word)).isEqualTo(expected);
    }
}
