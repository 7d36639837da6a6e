package io.inquest.investigation.engine.tools.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.Severity;

/** What an alert without PromQL reports about its own value, as each source sends it. */
class ReportedValueTest {

    private static final Instant START = Instant.parse("2026-10-02T07:15:00Z");

    @Test
    void grafanasValueStringGivesTheMeasuredValueAndItsLabelsNotTheConditionVariable() {
        Alert alert = alert("grafana", "RedisMemoryHigh", "redis-sessions used memory is 93% (threshold 85%)", null,
                Map.of("value", "[ var='A' labels={instance=redis-sessions-0, namespace=web} value=0.9312 ], "
                        + "[ var='B' labels={instance=redis-sessions-0, namespace=web} value=1 ]"));

        ReportedValue reported = ReportedValue.of(alert);

        assertThat(reported.value()).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.9312, within(1e-9)));
        assertThat(reported.var()).isEqualTo("A");
        assertThat(reported.series()).containsEntry("instance", "redis-sessions-0").containsEntry("namespace", "web");
        assertThat(reported.threshold()).as("85% against a ratio is 0.85").hasValueSatisfying(t -> assertThat(t).isCloseTo(0.85, within(1e-9)));
        assertThat(reported.op()).isEqualTo(">");
        assertThat(reported.pastThreshold()).contains(true);
        assertThat(reported.describe()).contains("0.9312", "Grafana's A", "threshold of 85%", "from its summary");
    }

    @Test
    void aPagerDutyDetailCarriesTheValueTheThresholdAndTheMetric() {
        Alert alert = alert("pagerduty", "Disk almost full on ingest-3", null, null,
                Map.of("current_value", "12.5 %", "threshold", "15", "metric", "node_filesystem_avail_percent"));

        ReportedValue reported = ReportedValue.of(alert);

        assertThat(reported.value()).contains(12.5);
        assertThat(reported.threshold()).contains(15.0);
        assertThat(reported.thresholdFrom()).isEqualTo("its threshold detail");
        assertThat(reported.metric()).contains("node_filesystem_avail_percent");
    }

    @Test
    void wordsBelowAThresholdMakeAnAlertThatFiresOnLowValues() {
        Alert alert = alert("generic", "Too few healthy replicas", "search-gateway has 1 healthy replica, below 2", null,
                Map.of("value", "1"));

        ReportedValue reported = ReportedValue.of(alert);

        assertThat(reported.op()).isEqualTo("<");
        assertThat(reported.threshold()).contains(2.0);
        assertThat(reported.pastThreshold()).contains(true);
    }

    @Test
    void howLongAConditionHeldIsNotAThreshold() {
        Alert alert = alert("alertmanager", "TargetDown", "Target 10.1.4.7:9100 is down",
                "10.1.4.7:9100 of job node has been down for more than 5 minutes.", Map.of());

        assertThat(ReportedValue.of(alert).threshold()).isEmpty();
        assertThat(ReportedValue.of(alert).isEmpty()).isTrue();
    }

    @Test
    void metricLikeNamesInTheDescriptionAreCandidatesToLookUp() {
        Alert alert = alert("generic", "Slow consumers", "lag of the billing consumers",
                "kafka_consumergroup_lag_sum for group billing is growing", Map.of());

        assertThat(ReportedValue.metricNamesIn(alert)).containsExactly("kafka_consumergroup_lag_sum");
    }

    private static Alert alert(String source, String title, String summary, String description, Map<String, String> annotations) {
        return new Alert(source, title, summary, description, Severity.WARNING, "svc", Map.of("alertname", title.replace(" ", "")),
                annotations, Map.of(), START, "fp", null);
    }
}
