package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.inquest.events.Alert;
import io.inquest.events.Severity;
import io.inquest.investigation.engine.Subject;
import io.inquest.investigation.engine.Symptom;
import io.inquest.investigation.engine.Target;

class CompanionLogsTest {

    private static final String INGRESS = "{app=~\".*ingress-nginx.*|nginx-ingress.*\"}";

    @Test
    void theIngressControllerIsReadForTheServiceUpstream() {
        assertThat(CompanionLogs.ingressQuery(new Target("shop", "catalog", "catalog", null, null, null), INGRESS))
                .contains(INGRESS + " |= \"[shop-catalog-\"");
        assertThat(CompanionLogs.ingressQuery(new Target(null, "catalog", null, null, null, null), INGRESS)).isEmpty();
    }

    @Test
    void aHostNamesItsServiceAndNamespace() {
        assertThat(CompanionLogs.serverOf("billing-db.billing.svc.cluster.local:5432", "web"))
                .isEqualTo(new CompanionLogs.Server("billing", "billing-db", false, "host"));
        assertThat(CompanionLogs.serverOf("orders-db:5432", "shop")).isEqualTo(new CompanionLogs.Server("shop", "orders-db", false, "host"));
        assertThat(CompanionLogs.serverOf("pg.shop", "web")).isEqualTo(new CompanionLogs.Server("shop", "pg", false, "host"));
        assertThat(CompanionLogs.serverOf("10.43.12.9:5432", "shop")).isNull();
        assertThat(CompanionLogs.serverOf("db.example.com:5432", "shop")).isNull();
    }

    @Test
    void aClaimFromTheKubeletsVolumeAlertIsReadBeforeTheHostsTheErrorsName() {
        Subject subject = subject(Map.of("namespace", "crm", "persistentvolumeclaim", "data-crm-pg-0", "service", "kubelet"),
                new Target("crm", "kubelet", null, null, null, null));

        List<CompanionLogs.Server> servers = CompanionLogs.servers(subject, new LinkedHashSet<>(List.of("crm-pg:5432", "kubelet:10250")));

        assertThat(servers).containsExactly(new CompanionLogs.Server("crm", "data-crm-pg-0", false, "claim"),
                new CompanionLogs.Server("crm", "crm-pg", false, "host"));
    }

    @Test
    void aStatefulSetClaimNamesItsPodCandidates() {
        assertThat(CompanionLogs.claimPods("data-crm-pg-0")).containsExactly("crm-pg-0", "pg-0");
        assertThat(CompanionLogs.claimPods("uploads")).containsExactly("uploads");
    }

    @Test
    void thePodThatMountsTheClaimIsFound() {
        Pod pod = new PodBuilder().withNewMetadata().withName("crm-pg-0").endMetadata().withNewSpec()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-crm-pg-0").endPersistentVolumeClaim()
                .endVolume().addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume().endSpec().build();

        assertThat(CompanionLogs.mounts(pod, "data-crm-pg-0")).isTrue();
        assertThat(CompanionLogs.mounts(pod, "data-crm-pg-1")).isFalse();
    }

    private static Subject subject(Map<String, String> labels, Target target) {
        Alert alert = new Alert("alertmanager", "KubePersistentVolumeFillingUp", "volume filling", null, Severity.CRITICAL, target.service(),
                labels, Map.of(), Map.of(), Instant.parse("2026-05-05T05:05:00Z"), "fp", null);
        return new Subject("inq-companion", alert, Symptom.UNKNOWN, target);
    }
}
