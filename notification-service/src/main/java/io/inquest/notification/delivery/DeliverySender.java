package io.inquest.notification.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands one claimed delivery to the SMTP server and says what came of it; it writes nothing.
 * The Message-ID is the delivery's own, so a repeat after a lost outcome is recognisable.
 */
@ApplicationScoped
public class DeliverySender {

    private final ReactiveMailer mailer;

    public DeliverySender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Never fails: a failed send is an {@link Attempt} with its {@link SendFailure}. */
    Uni<Attempt> send(Delivery delivery) {
        Mail mail = Mail.withText(delivery.recipient, delivery.subject, delivery.textBody)
                .setHtml(delivery.htmlBody)
                .addHeader("Message-ID", delivery.messageId);
        return mailer.send(mail)
                .map(sent -> new Attempt(delivery, null))
                .onFailure().recoverWithItem(e -> new Attempt(delivery, SendFailure.of(e)));
    }
}
