package io.inquest.notification.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.inquest.notification.api.ApiProblems;
import io.inquest.notification.delivery.DeliveryKind;
import io.inquest.notification.delivery.DeliveryLedger;
import io.inquest.notification.delivery.Recipients;
import io.inquest.notification.email.EmailContent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Is the configured SMTP server usable? A check of the connection, and a test email through the real pipeline. */
@Path("/api/smtp")
@Produces(MediaType.APPLICATION_JSON)
public class SmtpResource {

    private final SmtpSettings smtp;
    private final DeliveryLedger ledger;

    public SmtpResource(SmtpSettings smtp, DeliveryLedger ledger) {
        this.smtp = smtp;
        this.ledger = ledger;
    }

    /** Connects with the real settings (EHLO, STARTTLS, AUTH, NOOP) and says {@code passed} or {@code failed} with the reason. */
    @POST
    @Path("/verify")
    @Blocking
    public SmtpCheck verify() {
        return SmtpProbe.check(SmtpProbe.Endpoint.of(smtp));
    }

    /** The recipient of a test email; {@code SMTP_DEFAULT_TO} when absent. */
    public record TestRequest(@Email(message = "must be an email address") String to) {
    }

    /** What was queued: follow it at {@code GET /deliveries?investigationId=<id>}. */
    public record TestQueued(String id, List<String> recipients, String deliveries) {
    }

    @POST
    @Path("/test")
    public Uni<Response> test(@Valid TestRequest request) {
        Set<String> recipients = request != null && request.to() != null ? Recipients.merge(List.of(request.to()))
                : Recipients.merge(smtp.defaultTo().orElse(List.of()));
        if (recipients.isEmpty()) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).type("application/problem+json")
                    .entity(new ApiProblems.Problem("about:blank", "Bad Request", 400,
                            "Say who gets the test email ({\"to\": \"...\"}) or set SMTP_DEFAULT_TO."))
                    .build());
        }
        String id = "smtp-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        EmailContent email = new EmailContent("Inquest SMTP test: " + id,
                "This is a test email from Inquest, sent through the same delivery pipeline as RCA emails.\n"
                        + "If you read this, " + smtp.host() + ":" + smtp.port() + " (" + smtp.security().name().toLowerCase(Locale.ROOT)
                        + ") delivers Inquest's mail.\n",
                "<p>This is a test email from Inquest, sent through the same delivery pipeline as RCA emails.</p>");
        return ledger.record(id, DeliveryKind.SMTP_TEST, recipients, email)
                .map(added -> Response.accepted(new TestQueued(id, List.copyOf(recipients), "/deliveries?investigationId=" + id))
                        .build());
    }
}
