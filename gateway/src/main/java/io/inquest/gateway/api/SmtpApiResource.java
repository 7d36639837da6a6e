package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.inquest.gateway.security.RateLimited;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The notification-service's SMTP check and test email, on the public API. */
@Path("/api/smtp")
@RequiresScope(Scope.OPERATE)
@Produces(MediaType.APPLICATION_JSON)
public class SmtpApiResource {

    private final NotificationServiceClient notifications;

    public SmtpApiResource(@RestClient NotificationServiceClient notifications) {
        this.notifications = notifications;
    }

    /** Connects to the configured SMTP server (EHLO, STARTTLS, AUTH, NOOP): {@code passed}, or {@code failed} with the reason. */
    @POST
    @Path("/verify")
    public Uni<Response> verify() {
        return notifications.verifySmtp().map(body -> Response.ok(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "notification-service", "SMTP check"));
    }

    /** Sends a test email through the real delivery pipeline ({@code {"to": "..."}}, else SMTP_DEFAULT_TO). */
    @POST
    @Path("/test")
    @RateLimited(RateLimited.Source.SMTP_TEST)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> test(JsonNode request) {
        return notifications.testSmtp(request == null ? JsonNodeFactory.instance.objectNode() : request)
                .map(body -> Response.accepted(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "notification-service", "SMTP test"));
    }
}
