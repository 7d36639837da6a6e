package io.inquest.notification.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.inquest.infra.FreePorts;
import io.inquest.infra.MailServer;

/** The SMTP check against a real SMTP server (GreenMail), one answer per way it can go. */
class SmtpProbeTest {

    @Test
    void aReachablePlainServerPasses() {
        try (MailServer server = MailServer.smtpOnFreePort().start()) {
            SmtpCheck check = SmtpProbe.check(endpoint(server.port(), SmtpSecurity.NONE, null, null));
            assertThat(check.result()).as(check.reason()).isEqualTo("passed");
            assertThat(check.steps()).containsExactly("connected", "EHLO", "NOOP");
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() {
        SmtpCheck check = SmtpProbe.check(endpoint(FreePorts.next(), SmtpSecurity.NONE, null, null));
        assertThat(check.result()).isEqualTo("failed");
        assertThat(check.reason()).startsWith("connection refused by 127.0.0.1:");
    }

    @Test
    void wrongCredentialsAreAuthenticationRejectedAndThePasswordIsNotInTheAnswer() {
        try (MailServer server = MailServer.smtpOnFreePort().start().requireLogin("inquest", "right-password")) {
            SmtpCheck check = SmtpProbe.check(endpoint(server.port(), SmtpSecurity.NONE, "inquest", "wrong-password"));
            assertThat(check.result()).isEqualTo("failed");
            assertThat(check.reason()).startsWith("authentication rejected");
            assertThat(check.toString()).doesNotContain("wrong-password");
        }
    }

    @Test
    void rightCredentialsPassThroughAuth() {
        try (MailServer server = MailServer.smtpOnFreePort().start().requireLogin("inquest", "right-password")) {
            SmtpCheck check = SmtpProbe.check(endpoint(server.port(), SmtpSecurity.NONE, "inquest", "right-password"));
            assertThat(check.result()).as(check.reason()).isEqualTo("passed");
            assertThat(check.steps()).contains("AUTH");
        }
    }

    @Test
    void starttlsIsNeverSkippedForAServerWhoseTlsCannotBeTrusted() {
        // GreenMail's certificate is self-signed: whether it offers STARTTLS or not, mail must not go out.
        try (MailServer server = MailServer.smtpOnFreePort().start()) {
            SmtpCheck check = SmtpProbe.check(endpoint(server.port(), SmtpSecurity.STARTTLS, null, null));
            assertThat(check.result()).isEqualTo("failed");
            assertThat(check.reason()).containsIgnoringCase("tls");
            assertThat(check.steps()).doesNotContain("NOOP");
        }
    }

    @Test
    void implicitTlsWithAnUntrustedCertificateFailsTheHandshake() {
        try (MailServer server = MailServer.smtpsOnFreePort().start()) {
            SmtpCheck check = SmtpProbe.check(endpoint(server.port(), SmtpSecurity.SSL, null, null));
            assertThat(check.result()).isEqualTo("failed");
            assertThat(check.reason()).containsIgnoringCase("tls");
        }
    }

    @Test
    void implicitTlsPassesWhenTheTrustStoreHoldsTheServersCertificate(@TempDir Path dir) {
        try (MailServer server = MailServer.smtpsOnFreePort().start()) {
            Path trust = MailServer.writeTrustStore(dir.resolve("trust.p12"), "secret");
            SmtpCheck check = SmtpProbe.check(new SmtpProbe.Endpoint("127.0.0.1", server.port(), SmtpSecurity.SSL,
                    Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Optional.of(trust), Optional.of("secret")));
            assertThat(check.result()).as(check.reason()).isEqualTo("passed");
            assertThat(check.steps()).startsWith("connected (TLS)");
        }
    }

    private static SmtpProbe.Endpoint endpoint(int port, SmtpSecurity security, String user, String password) {
        return new SmtpProbe.Endpoint("127.0.0.1", port, security, Optional.ofNullable(user), Optional.ofNullable(password),
                Duration.ofSeconds(5), Optional.empty(), Optional.empty());
    }
}
