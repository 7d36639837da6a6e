package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.SourceSettings;
import io.inquest.investigation.engine.ToolFindings;
import io.inquest.investigation.engine.tools.kubernetes.Cluster;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The logs tool reading pod logs through the Kubernetes API of the fabric8 mock server (CRUD mode
 * for the objects; the logs, which the CRUD mode does not serve, as expectations on their paths).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "investigation_kubelet_logs_test"))
@TestProfile(KubeletLogsTest.ClusterOn.class)
class KubeletLogsTest {

    public static class ClusterOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inquest.sources.kubernetes.enabled", "true");
        }
    }

    private static final String PODS = "/api/v1/namespaces/shop-crash/pods/";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    LogsTool tool;

    @Inject
    SourceSettings sources;

    @Test
    void theCrashedContainersLastLinesNameTheMissingSetting() {
        Cluster.load(server.getClient(), "crashloop.yaml");
        server.expect().get().withPath(PODS + "payments-5f7c9d8b6-h2j4k/log?container=app&previous=true&timestamps=true&tailLines=5000")
                .andReturn(200, """
                        2026-03-04T09:20:11.100000000Z Starting payments 3.1.0 (an earlier attempt, before the window)
                        2026-03-04T09:57:40.512345678Z Starting payments 3.1.0
                        2026-03-04T09:57:41.902113456Z Exception in thread "main" java.lang.IllegalStateException: required environment variable DATABASE_URL is not set
                        2026-03-04T09:57:41.902200000Z \tat com.shop.payments.Config.require(Config.java:31)
                        2026-03-04T09:57:41.902210000Z \tat com.shop.payments.Main.main(Main.java:12)
                        """).always();
        server.expect().get().withPath(PODS + "payments-5f7c9d8b6-h2j4k/log?container=app&timestamps=true&sinceTime=2026-03-04T09:30:00Z"
                + "&limitBytes=4194304").andReturn(400, """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","message":"container \\"app\\" in pod \\"payments-5f7c9d8b6-h2j4k\\" is waiting to start: CrashLoopBackOff","reason":"BadRequest","code":400}
                        """).always();
        server.expect().get().withPath(PODS + "payments-7b9d6c5f4-m3n5p/log?container=app&timestamps=true&sinceTime=2026-03-04T09:30:00Z"
                + "&limitBytes=4194304").andReturn(200, """
                        2026-03-04T09:58:00.000000000Z INFO charge 4411 accepted in 38 ms
                        2026-03-04T09:58:01.000000000Z WARN slow upstream: fraud-check answered in 1200 ms
                        """).always();

        ToolFindings findings = tool.investigate(Cluster.subject(sources, "payments", Map.of("namespace", "shop-crash", "app", "payments")))
                .await().atMost(Duration.ofSeconds(30));

        List<Observation> signatures = findings.observations().stream().filter(o -> o.signal() == Signal.LOG_SIGNATURE).toList();
        assertThat(signatures).singleElement().satisfies(o -> {
            assertThat(o.attributes()).containsEntry("signature", "missing_config").containsEntry("count", "1")
                    .containsEntry("previous", "true").containsEntry("pod", "payments-5f7c9d8b6-h2j4k").containsEntry("container", "app")
                    .containsEntry("first", "2026-03-04T09:57:41.902113456Z").containsEntry("relative", "2 min before the alert")
                    .containsEntry("sample", "Exception in thread \"main\" java.lang.IllegalStateException: required environment variable"
                            + " DATABASE_URL is not set");
            assertThat(o.text()).contains("the previous container of payments-5f7c9d8b6-h2j4k/app");
        });
        assertThat(findings.observations()).filteredOn(o -> o.signal() == Signal.LOG_PATTERN).singleElement()
                .satisfies(o -> assertThat(o.attr("count")).isEqualTo("1"));
        assertThat(findings.summary()).contains("6 log line(s) of 2 pod(s) (1 previous container log(s))", "from Kubernetes",
                "missing_config x1", "no current container log of payments-5f7c9d8b6-h2j4k/app");
    }
}
