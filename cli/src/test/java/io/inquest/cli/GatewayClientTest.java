package io.inquest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** How the gateway's refusals reach the operator: the exit code and the problem's own words. */
class GatewayClientTest {

    private HttpServer gateway;

    @BeforeEach
    void startAGatewayThatRefusesTheScope() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] problem = ("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"The token 'alice' does not have scope "
                    + "'admin', which this route needs.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(403, problem.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(problem);
            }
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void aTokenWithoutTheScopeEndsWithTheTokenRefusedCodeAndNamesTheScope() {
        GatewayClient client = new GatewayClient("http://127.0.0.1:" + gateway.getAddress().getPort(), "alice-token");

        CliException refused = catchThrowableOfType(CliException.class, () -> client.get("/api/subscriptions"));

        assertThat(refused.exitCode()).isEqualTo(CliException.UNAUTHORIZED);
        assertThat(refused.getMessage()).contains("scope 'admin'").doesNotContain("alice-token");
    }
}
