package io.inquest.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

class SendFailureTest {

    @Test
    void smtpFourHundredsAreRetriedAndFiveHundredsAreNot() {
        assertThat(SendFailure.of(new SMTPException("busy", 451, List.of("451 try later"), false)).permanent()).isFalse();
        SendFailure rejected = SendFailure.of(new SMTPException("no such user", 550, List.of("550 no such user"), false));
        assertThat(rejected.permanent()).isTrue();
        assertThat(rejected.reason()).startsWith("SMTP 550");
    }

    @Test
    void aTlsFailureIsNotRetriedUntilSomeoneFixesTrustOrSecurity() {
        SendFailure tls = SendFailure.of(new IllegalStateException("Failed to create SSL connection"));
        assertThat(tls.permanent()).isTrue();
    }

    @Test
    void refusedConnectionsAreRetried() {
        SendFailure refused = SendFailure.of(new ConnectException("Connection refused: localhost/127.0.0.1:2525"));
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.reason()).startsWith("connection refused");
    }
}
