package io.inquest.notification.delivery;

import java.time.Instant;
import java.util.Collection;

import io.inquest.notification.email.EmailContent;
import io.inquest.notification.smtp.SmtpSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes the deliveries of an email before anything is sent: one row per (investigation,
 * recipient, kind), so the same completion event seen twice adds nothing and sends nothing.
 */
@ApplicationScoped
public class DeliveryLedger {

    private static final String INSERT = """
            insert into delivery (investigation_id, recipient, kind, status, message_id, subject, text_body, html_body,
                                  attempts, last_error, next_attempt_at, created_at, failed_at)
            values (:investigationId, :recipient, :kind, :status, :messageId, :subject, :text, :html,
                    0, :error, :now, :now, :failedAt)
            on conflict on constraint delivery_once do nothing""";

    private final SmtpSettings smtp;

    public DeliveryLedger(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    /** Records one pending delivery per recipient; answers how many were new. */
    public Uni<Integer> record(String investigationId, DeliveryKind kind, Collection<String> recipients, EmailContent email) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            Uni<Integer> inserted = Uni.createFrom().item(0);
            for (String recipient : recipients) {
                boolean deliverable = Recipients.isDeliverable(recipient);
                inserted = inserted.flatMap(count -> session.createNativeQuery(INSERT)
                        .setParameter("investigationId", investigationId)
                        .setParameter("recipient", recipient)
                        .setParameter("kind", kind.wireName())
                        .setParameter("status", (deliverable ? DeliveryStatus.PENDING : DeliveryStatus.FAILED).wireName())
                        .setParameter("messageId", MessageIds.of(investigationId, recipient, kind, smtp.fromAddress()))
                        .setParameter("subject", email.subject())
                        .setParameter("text", email.text())
                        .setParameter("html", email.html())
                        .setParameter("error", deliverable ? null : "not a deliverable email address")
                        .setParameter("now", now)
                        .setParameter("failedAt", deliverable ? null : now)
                        .executeUpdate()
                        .map(rows -> count + rows));
            }
            return inserted;
        }));
    }
}
