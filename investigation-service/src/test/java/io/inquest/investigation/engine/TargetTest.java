package io.inquest.investigation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.inquest.events.Alert;
import io.inquest.events.Severity;

class TargetTest {

    private static final SourceSettings.Labels NAMES = new SourceSettings.Labels() {
        public List<String> namespace() {
            return List.of("namespace");
        }

        public List<String> workload() {
            return List.of("deployment", "statefulset");
        }

        public List<String> pod() {
            return List.of("pod");
        }

        public List<String> container() {
            return List.of("container");
        }

        public List<String> node() {
            return List.of("node");
        }
    };

    @ParameterizedTest
    @CsvSource({"cart-7d9f8b6c4-x2k4q,cart", "orders-db-0,orders-db", "payment-api-5b8c7d9f6d-zx7lp,payment-api", "solo,solo"})
    void theWorkloadOfAPodFollowsTheReplicaSetAndStatefulSetNaming(String pod, String workload) {
        assertThat(Target.workloadOfPod(pod)).isEqualTo(workload);
    }

    @Test
    void labelsRenderedIntoAPagerDutyDetailNameTheTargetWhenNoLabelDoes() {
        Alert alert = new Alert("pagerduty", "KubeContainerOOMKilled", null, null, Severity.CRITICAL, "invoice-service",
                Map.of("source", "alertmanager"), Map.of("firing", "Labels:\n - alertname = KubeContainerOOMKilled\n"
                        + " - container = invoice-service\n - namespace = billing\n - pod = invoice-service-6c9f7d8b54-k4mzx\n"),
                Map.of(), Instant.parse("2026-06-30T23:14:31Z"), null, null);

        Target target = Target.of(alert, NAMES);

        assertThat(target).isEqualTo(new Target("billing", "invoice-service", "invoice-service",
                "invoice-service-6c9f7d8b54-k4mzx", "invoice-service", null));
    }

    @Test
    void theJobAndServiceOfKubeStateMetricsNameTheScraperNotTheObjectInTrouble() {
        Alert alert = new Alert("alertmanager", "KubeQuotaFullyUsed", null, null, Severity.WARNING, "kube-state-metrics",
                Map.of("namespace", "ledger", "resourcequota", "compute", "job", "kube-state-metrics",
                        "app", "prometheus-kube-state-metrics"),
                Map.of(), Map.of(), Instant.parse("2026-06-30T23:14:31Z"), null, null);

        Target target = Target.of(alert, NAMES);

        assertThat(target).isEqualTo(new Target("ledger", null, null, null, null, null));
    }
}
