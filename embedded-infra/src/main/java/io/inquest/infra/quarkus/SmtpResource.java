package io.inquest.infra.quarkus;

import java.util.Map;

import io.inquest.infra.MailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) for {@code @QuarkusTest}s, wired through the {@code smtp.*}
 * keys of the design (plain SMTP on loopback). Tests purge it and read what it received.
 */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    private MailServer server;

    @Override
    public Map<String, String> start() {
        server = MailServer.smtpOnFreePort().start();
        return Map.of(
                "smtp.host", "127.0.0.1",
                "smtp.port", String.valueOf(server.port()),
                "smtp.security", "none");
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
