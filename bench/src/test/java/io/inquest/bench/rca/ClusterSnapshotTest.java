package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSnapshotTest {

    private final List<String> warnings = new ArrayList<>();

    @Test
    void everyDocumentAndListItemIsServedUnderItsPathAndUnknownKindsAreLeftOutWithAWarning(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("kubernetes.yaml"), """
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: web-1, namespace: shop, creationTimestamp: "2026-01-02T03:04:05Z"}
                  status: {phase: Running}
                - apiVersion: apps/v1
                  kind: StatefulSet
                  metadata: {name: db, namespace: shop}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: no-namespace}
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: compute, namespace: shop}
                status: {hard: {limits.memory: 8Gi}, used: {limits.memory: 8Gi}}
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults, namespace: shop}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: rules, namespace: shop}
                ---
                just a string
                ---
                apiVersion: v1
                kind: Pod
                metadata: {namespace: shop}
                """);

        ClusterSnapshot snapshot = ClusterSnapshot.read(yaml, warnings::add);

        assertThat(snapshot.objects()).extracting(o -> o.collectionPath() + "/" + o.name()).containsExactly(
                "/api/v1/namespaces/shop/pods/web-1",
                "/apis/apps/v1/namespaces/shop/statefulsets/db",
                "/api/v1/namespaces/default/pods/no-namespace",
                "/api/v1/namespaces/shop/resourcequotas/compute",
                "/api/v1/namespaces/shop/limitranges/defaults");
        assertThat(snapshot.pod("shop", "web-1")).get().satisfies(pod -> {
            assertThat(pod.path("metadata").path("creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
        });
        assertThat(warnings).hasSize(3).anySatisfy(w -> assertThat(w).contains("PrometheusRule"))
                .anySatisfy(w -> assertThat(w).contains("not an object"))
                .anySatisfy(w -> assertThat(w).contains("without apiVersion, kind or metadata.name"));
    }

    @Test
    void coreEventIsAlsoAnEventsK8sIoEvent(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("kubernetes.yaml"), """
                apiVersion: v1
                kind: Event
                metadata: {name: web-1.1, namespace: shop}
                involvedObject: {kind: Pod, name: web-1, namespace: shop}
                reason: Unhealthy
                type: Warning
                message: 'Liveness probe failed: HTTP probe failed with statuscode: 503'
                count: 12
                """);

        ClusterSnapshot snapshot = ClusterSnapshot.read(yaml, warnings::add);

        assertThat(snapshot.objects()).hasSize(2);
        ClusterSnapshot.StoredObject alternate = snapshot.objects().get(1);
        assertThat(alternate.collectionPath()).isEqualTo("/apis/events.k8s.io/v1/namespaces/shop/events");
        assertThat(alternate.object().path("note").asText()).startsWith("Liveness probe failed");
        assertThat(alternate.object().path("regarding").path("name").asText()).isEqualTo("web-1");
        assertThat(alternate.object().path("deprecatedCount").asInt()).isEqualTo(12);
        assertThat(snapshot.objects().get(0).selectableFields()).containsEntry("involvedObject.name", "web-1")
                .containsEntry("reason", "Unhealthy");
    }
}
