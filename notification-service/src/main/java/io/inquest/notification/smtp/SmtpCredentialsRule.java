package io.inquest.notification.smtp;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A user name without a password (or the reverse) is a typo, not a choice: refuse to start. */
@ApplicationScoped
class SmtpCredentialsRule {

    void check(@Observes StartupEvent start, SmtpSettings smtp) {
        if (smtp.username().isPresent() != smtp.password().isPresent()) {
            throw new IllegalStateException("SMTP_USERNAME and SMTP_PASSWORD must be set together (both or neither); "
                    + (smtp.username().isPresent() ? "SMTP_PASSWORD" : "SMTP_USERNAME") + " is missing");
        }
    }
}
