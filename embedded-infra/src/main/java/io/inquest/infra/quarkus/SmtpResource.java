package io.inquest.infra.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.inquest.infra.MailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) for {@code @QuarkusTest}s, wired through the {@code smtp.*}
 * keys of the design (plain SMTP on loopback, or SMTPS with {@code tls=implicit}). Tests read what it received.
 */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code implicit} starts SMTPS with a trust store for its certificate; plain SMTP otherwise. */
    public static final String TLS = "tls";

    private MailServer server;
    private boolean implicitTls;

    @Override
    public void init(Map<String, String> initArgs) {
        implicitTls = "implicit".equals(initArgs.get(TLS));
    }

    @Override
    public Map<String, String> start() {
        if (!implicitTls) {
            server = MailServer.smtpOnFreePort().start();
            return Map.of(
                    "smtp.host", "127.0.0.1",
                    "smtp.port", String.valueOf(server.port()),
                    "smtp.security", "none");
        }
        server = MailServer.smtpsOnFreePort().start();
        try {
            Path trustStore = MailServer.writeTrustStore(Files.createTempDirectory("inquest-smtps").resolve("trust.p12"), "trustpass");
            return Map.of(
                    "smtp.host", "127.0.0.1",
                    "smtp.port", String.valueOf(server.port()),
                    "smtp.security", "ssl",
                    "smtp.truststore", trustStore.toString(),
                    "smtp.truststore-password", "trustpass");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectInfrastructure.class, MailServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
