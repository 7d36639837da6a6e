package io.inquest.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.Severity;

class SubscriptionRuleTest {

    private static final Alert PAYMENTS = new Alert("alertmanager", "HighErrorRate", null, null, Severity.CRITICAL, "payments",
            Map.of("env", "prod", "team", "pay"), Map.of(), Map.of(), Instant.now(), null, null);

    @Test
    void everyConditionThatIsSetMustHold() {
        assertThat(rule("payments", List.of("critical"), Map.of("env", "prod")).matches(PAYMENTS)).isTrue();
        assertThat(rule("Payments", List.of(), Map.of()).matches(PAYMENTS)).as("service ignores case").isTrue();
        assertThat(rule("checkout", List.of(), Map.of()).matches(PAYMENTS)).isFalse();
        assertThat(rule(null, List.of("warning", "info"), Map.of()).matches(PAYMENTS)).isFalse();
        assertThat(rule(null, List.of(), Map.of("env", "staging")).matches(PAYMENTS)).isFalse();
        assertThat(rule(null, List.of(), Map.of("missing", "x")).matches(PAYMENTS)).isFalse();
    }

    @Test
    void aRuleWithoutConditionsMatchesEveryAlert() {
        assertThat(rule(null, List.of(), Map.of()).matches(PAYMENTS)).isTrue();
    }

    private static SubscriptionRule rule(String service, List<String> severities, Map<String, String> labels) {
        return new SubscriptionRule(null, "r", service, severities, labels, List.of("a@example.com"));
    }
}
