package io.inquest.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How the services' JSON answers become what the console's pages show. */
class ConsoleViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompletedInvestigationShowsItsRootCauseFindingsWithEvidenceAndRemediation() throws Exception {
        JsonNode investigation = JSON.readTree("""
                {"id":"inq-0123456789abcdef01234567","status":"completed","title":"Checkout 5xx","service":"checkout",
                 "severity":"critical","source":"alertmanager","createdAt":"2026-11-25T03:00:00Z","finishedAt":"2026-11-25T03:00:42Z",
                 "attempt":1,"cancelRequested":false,"alert":{"labels":{"alertname":"CheckoutErrors"}},"recipients":["a@example.com"],
                 "report":{"rootCause":"Deploy 1.2.3 cut the pool to 5","rootCauseCategory":"change","validityScore":0.8149,
                   "trigger":"deploy checkout 1.2.3","validatedClaims":[{"claim":"pool exhausted","status":"supported",
                   "evidenceSources":["logs: 'pool timeout' x120","prometheus: 5xx ratio 0.31"]}],
                   "remediationSteps":["Roll back checkout to 1.2.2"],"stats":{"toolCallCount":7}}}""");

        InvestigationDetail detail = InvestigationDetail.of(investigation, JSON);

        assertThat(detail.terminal()).isTrue();
        assertThat(detail.finishedAt()).isEqualTo("2026-11-25 03:00:42 UTC");
        assertThat(detail.alert()).contains("\"alertname\" : \"CheckoutErrors\"");
        ReportView report = detail.report();
        assertThat(report.rootCause()).isEqualTo("Deploy 1.2.3 cut the pool to 5");
        assertThat(report.category()).isEqualTo("change");
        assertThat(report.validity()).isEqualTo("0.81");
        assertThat(report.trigger()).isEqualTo("deploy checkout 1.2.3");
        assertThat(report.toolCalls()).isEqualTo(7);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo("supported");
            assertThat(f.evidence()).containsExactly("logs: 'pool timeout' x120", "prometheus: 5xx ratio 0.31");
        });
        assertThat(report.remediation()).containsExactly("Roll back checkout to 1.2.2");
    }

    @Test
    void aRunningInvestigationHasNoReportAndIsNotTerminal() throws Exception {
        InvestigationDetail detail = InvestigationDetail.of(JSON.readTree("{\"id\":\"inq-1\",\"status\":\"running\",\"report\":null}"), JSON);

        assertThat(detail.terminal()).isFalse();
        assertThat(detail.report()).isNull();
    }

    @Test
    void aToolCallReadsAsToolOutcomeEvidenceAndSummary() throws Exception {
        TimelineEntry entry = TimelineEntry.of(JSON.readTree("""
                {"seq":5,"type":"io.inquest.investigation.tool-called.v1","time":"2026-11-25T03:00:05Z",
                 "data":{"tool":"logs","outcome":"error","summary":"Loki did not answer within 8s","evidenceCount":0,"durationMs":8001}}"""));

        assertThat(entry.name()).isEqualTo("tool-called");
        assertThat(entry.time()).isEqualTo("03:00:05");
        assertThat(entry.outcome()).isEqualTo("error");
        assertThat(entry.text()).isEqualTo("logs (error, 0 evidence, 8001 ms): Loki did not answer within 8s");
    }

    @Test
    void aDeliveryIsSettledOnlyOnceSentOrGivenUp() throws Exception {
        assertThat(DeliveryRecord.of(JSON.readTree("{\"status\":\"retrying\",\"history\":[{\"attempt\":1,\"outcome\":\"failed\","
                + "\"error\":\"421 try later\",\"at\":\"2026-11-25T03:01:00Z\"}]}")))
                .satisfies(d -> {
                    assertThat(d.settled()).isFalse();
                    assertThat(d.history()).singleElement().satisfies(a -> assertThat(a.error()).isEqualTo("421 try later"));
                });
        assertThat(DeliveryRecord.of(JSON.readTree("{\"status\":\"sent\"}")).settled()).isTrue();
        assertThat(DeliveryRecord.of(JSON.readTree("{\"status\":\"failed\"}")).settled()).isTrue();
    }

    @Test
    void theListFilterKeepsOnlyKnownValuesAndCarriesThemToOtherPages() {
        ListFilter filter = new ListFilter("running", " checkout api ", "not-a-category", null);

        assertThat(filter.category()).isNull();
        assertThat(filter.query("abc")).isEqualTo("status=running&service=checkout+api&cursor=abc");
        assertThat(new ListFilter("bogus", "", "code_defect", "").query()).isEqualTo("category=code_defect");
        assertThat(new ListFilter(null, null, null, null).firstPage()).isTrue();
    }

    @Test
    void agesFitOnAPhone() {
        Instant now = Instant.parse("2026-11-25T03:00:00Z");
        assertThat(Ages.since(now.minusSeconds(12), now)).isEqualTo("12 s ago");
        assertThat(Ages.since(now.minusSeconds(600), now)).isEqualTo("10 min ago");
        assertThat(Ages.since(now.minusSeconds(3 * 3600), now)).isEqualTo("3 h ago");
        assertThat(Ages.since(now.minusSeconds(5 * 86400), now)).isEqualTo("5 d ago");
    }
}
