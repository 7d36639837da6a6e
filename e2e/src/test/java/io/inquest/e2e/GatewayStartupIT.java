package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.inquest.infra.FreePorts;
import io.inquest.infra.ServiceProcess;

/** The packaged gateway in its production profile, started as an operator would start it. */
class GatewayStartupIT {

    @Test
    void withoutAnyWebhookCredentialTheGatewayRefusesToStartAndSaysWhatToSet() throws Exception {
        Path root = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
        ServiceProcess gateway = ServiceProcess.start(root, "gateway", FreePorts.next(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next()));
        try {
            assertThat(gateway.process().waitFor(2, TimeUnit.MINUTES)).as("the gateway exits by itself").isTrue();
            assertThat(gateway.process().exitValue()).isNotZero();
            assertThat(Files.readString(gateway.log())).contains("No webhook authentication is configured",
                    "INQUEST_WEBHOOK_TOKEN", "INQUEST_GRAFANA_HMAC_SECRET", "INQUEST_PAGERDUTY_ROUTING_KEY");
        } finally {
            gateway.close();
        }
    }
}
