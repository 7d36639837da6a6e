package io.inquest.investigation.engine.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** An API server that is not there: the kubernetes and logs calls fail with where they tried, and the run completes. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_unreachable_cluster_test"))
@TestProfile(UnreachableClusterTest.NoApiServer.class)
class UnreachableClusterTest {

    public static class NoApiServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.sources.kubernetes.enabled", "true",
                    "quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:" + closedPort());
        }
    }

    @Test
    void anUnreachableApiServerIsAFailedCallOfBothToolsAndTheRunCompletes() {
        JsonPath run = KubernetesToolTest.investigate(Map.of("namespace", "shop", "deployment", "cart"));

        assertThat(run.getString("status")).isEqualTo("completed");
        Map<String, Object> kubernetes = KubernetesToolTest.toolCall(run, "kubernetes");
        assertThat(kubernetes.get("outcome")).isEqualTo("error");
        // The reads start together; whichever is refused first is the reason given.
        assertThat(String.valueOf(kubernetes.get("summary"))).startsWith("Kubernetes API: ").contains("Connection refused");
        Map<String, Object> logs = KubernetesToolTest.toolCall(run, "logs");
        assertThat(logs.get("outcome")).isEqualTo("error");
        assertThat(String.valueOf(logs.get("summary"))).contains("Kubernetes API: ").contains("Connection refused");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
