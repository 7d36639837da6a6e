package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ExpectationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Expectation oom = new Expectation("resource_exhaustion", List.of("OOMKilled|out of memory", "512Mi"),
            List.of("healthy", "change"));

    @Test
    void reportWithTheCategoryAndEveryMentionPassesWhereverTheMentionsAre() throws Exception {
        Verdict verdict = oom.judge("oom/a", investigation("""
                {"rootCause": "checkout-api ran out of memory", "rootCauseCategory": "resource_exhaustion", "validityScore": 0.8,
                 "validatedClaims": [{"claim": "container checkout-api: limit 512mi", "status": "supported"}],
                 "ruledOut": [{"what": "image pull", "why": "no ImagePullBackOff"}]}"""));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.givenText()).isEqualTo("resource_exhaustion (0.80)");
        assertThat(verdict.why()).isEmpty();
        assertThat(verdict.reportText()).contains("no ImagePullBackOff");
    }

    @Test
    void missingMentionAndWrongCategoryAreBothReported() throws Exception {
        Verdict verdict = oom.judge("oom/a", investigation("""
                {"rootCause": "the pod was OOMKilled", "rootCauseCategory": "unknown", "validityScore": 0.2,
                 "trigger": "deploy 2026.05.11-4", "causalChain": ["restarts"], "remediationSteps": ["look at the pod"]}"""));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.missing()).containsExactly("512Mi");
        assertThat(verdict.why()).isEqualTo("wrong category; missing \"512Mi\"");
    }

    @Test
    void forbiddenCategoryIsNamed() throws Exception {
        Verdict verdict = oom.judge("oom/a", investigation("""
                {"rootCause": "OOMKilled at 512Mi after a deploy", "rootCauseCategory": "change", "validityScore": 0.6}"""));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.forbidden()).isEqualTo("change");
        assertThat(verdict.why()).isEqualTo("forbidden category change");
    }

    @Test
    void failedInvestigationHasNoReportToJudge() throws Exception {
        JsonNode failed = JSON.readTree("""
                {"status": "failed", "reason": "time limit of 3m reached", "report": null}""");

        Verdict verdict = oom.judge("oom/a", failed);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.givenText()).isEqualTo("-");
        assertThat(verdict.why()).isEqualTo("investigation failed: time limit of 3m reached");
    }

    @Test
    void rowShowsVerdictScenarioExpectedGivenAndWhy() throws Exception {
        Verdict verdict = oom.judge("scenarios/oom/a", investigation("""
                {"rootCause": "x", "rootCauseCategory": "unknown", "validityScore": 0.1}"""));

        assertThat(ScenarioSuite.row(verdict, 20)).isEqualTo("FAIL  scenarios/oom/a       expected resource_exhaustion  "
                + "given unknown (0.10)              wrong category; missing \"OOMKilled|out of memory\", \"512Mi\"");
    }

    private static JsonNode investigation(String report) throws Exception {
        return JSON.readTree("{\"status\": \"completed\", \"report\": " + report + "}");
    }
}
