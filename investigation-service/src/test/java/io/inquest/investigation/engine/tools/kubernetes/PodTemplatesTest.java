package io.inquest.investigation.engine.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

class PodTemplatesTest {

    @Test
    void theDiffNamesEveryChangedSettingWithItsOldAndNewValue() {
        PodTemplateSpec before = template("shop/orders:4.1.0", "50", "configmap-v1", 30, null);
        PodTemplateSpec after = template("shop/orders:4.2.0", "5", "configmap-v2", 5, "2026-03-04T09:50:00Z");

        assertThat(PodTemplates.diff(before, after)).isEqualTo("image shop/orders:4.1.0 -> shop/orders:4.2.0;"
                + " liveness probe httpGet :8080/health initialDelaySeconds=30 periodSeconds=10 timeoutSeconds=1 failureThreshold=3"
                + " -> httpGet :8080/health initialDelaySeconds=5 periodSeconds=10 timeoutSeconds=1 failureThreshold=3;"
                + " env DB_POOL_SIZE 50 -> 5; volume config configmap/configmap-v1 -> configmap/configmap-v2;"
                + " annotation kubectl.kubernetes.io/restartedAt none -> 2026-03-04T09:50:00Z");
    }

    @Test
    void probesAreWrittenWithKubernetesDefaultsWhereTheSpecLeavesThemOut() {
        Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(5432)).endTcpSocket().build();
        Probe exec = new ProbeBuilder().withNewExec().addToCommand("pg_isready", "-U", "app").endExec().withTimeoutSeconds(5).build();

        assertThat(PodTemplates.probe(tcp)).isEqualTo("tcpSocket :5432 initialDelaySeconds=0 periodSeconds=10 timeoutSeconds=1 failureThreshold=3");
        assertThat(PodTemplates.probe(exec)).isEqualTo("exec pg_isready -U app initialDelaySeconds=0 periodSeconds=10 timeoutSeconds=5"
                + " failureThreshold=3");
        assertThat(PodTemplates.probe(null)).isNull();
    }

    private static PodTemplateSpec template(String image, String pool, String configMap, int delay, String restartedAt) {
        var builder = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "orders");
        if (restartedAt != null) {
            builder.addToAnnotations("kubectl.kubernetes.io/restartedAt", restartedAt);
        }
        return builder.endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(image)
                .addNewEnv().withName("DB_POOL_SIZE").withValue(pool).endEnv()
                .addNewEnv().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "orders-db", false).endValueFrom().endEnv()
                .withNewLivenessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString(8080)).endHttpGet()
                .withInitialDelaySeconds(delay).endLivenessProbe()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName(configMap).endConfigMap().endVolume()
                .endSpec().build();
    }
}
