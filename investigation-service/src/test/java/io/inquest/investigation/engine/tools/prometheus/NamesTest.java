package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.investigation.engine.Subject;

/** Which names the tool looks the service and its dependencies up by. */
class NamesTest {

    private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void anExportersAlertIsAboutTheWorkloadItsLabelsPointAtNotTheExporter() {
        Subject subject = Alerts.subject("KubePodCrashLooping", "kube-state-metrics", START,
                Map.of("job", "kube-state-metrics", "namespace", "finance", "pod", "ledger-sync-5b8c7d9f6c-x8fjq"), null);

        assertThat(PrometheusTool.names(subject)).containsExactly("ledger-sync");
    }

    @Test
    void aServiceNamedLikeItsWorkloadIsLookedUpByBoth() {
        Subject subject = Alerts.subject("HighErrorRate", "checkout-api", START, Map.of("deployment", "checkout"), null);

        assertThat(PrometheusTool.names(subject)).containsExactly("checkout", "checkout-api");
    }

    @Test
    void dependenciesComeFromTheAlertsLabelsAsHostNamesAndFromTheTopology() {
        PrometheusSettings settings = Settings.with(Map.of("inquest.sources.prometheus.topology.checkout", "payments, orders-db"));
        Subject subject = Alerts.subject("HighErrorRate", "checkout", START,
                Map.of("upstream", "postgres://app@ledger-db.finance.svc:5432/ledger", "peer_service", "checkout"), null);

        assertThat(PrometheusTool.dependencies(subject.alert(), "checkout", PrometheusTool.names(subject), settings))
                .containsExactlyInAnyOrder("ledger-db", "payments", "orders-db");
        assertThat(PrometheusTool.hostName("10.4.2.17:5432")).isEqualTo("10.4.2.17");
        assertThat(PrometheusTool.hostName("redis-sessions.identity.svc.cluster.local:6379")).isEqualTo("redis-sessions");
    }

    @Test
    void aCalledHostInsideTheClusterIsNamedByItsServiceOneOutsideByItsWholeName() {
        assertThat(PrometheusTool.serviceName("payment-gateway.payments.svc.cluster.local")).isEqualTo("payment-gateway");
        assertThat(PrometheusTool.serviceName("orders-db.shop")).isEqualTo("orders-db");
        assertThat(PrometheusTool.serviceName("inventory-api")).isEqualTo("inventory-api");
        assertThat(PrometheusTool.serviceName("api.paynova.net")).isEqualTo("api.paynova.net");
        assertThat(PrometheusTool.serviceName("stripe.com")).isEqualTo("stripe.com");
    }
}
