package io.inquest.gateway.console;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.gateway.api.NotificationServiceClient;
import io.inquest.gateway.security.ConsoleCookie;
import io.inquest.gateway.security.RateLimited;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The SMTP server the notification-service sends through: the check shows the server and
 * security in force (never the password), and a test email goes through the real pipeline.
 */
@Path("/smtp")
@RequiresScope(Scope.OPERATE)
@ConsoleCookie
@Produces(MediaType.TEXT_HTML)
public class SmtpPages {

    private final NotificationServiceClient notifications;

    public SmtpPages(@RestClient NotificationServiceClient notifications) {
        this.notifications = notifications;
    }

    @GET
    @RequiresScope(Scope.READ)
    public Uni<Response> page() {
        return Html.ok(ConsoleTemplates.smtp());
    }

    @POST
    @Path("/verify")
    public Uni<Response> verify() {
        return notifications.verifySmtp().flatMap(check -> Html.ok(ConsoleTemplates.smtpVerified(SmtpVerification.of(check))))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "notification-service", "SMTP check")));
    }

    @POST
    @Path("/test")
    @RateLimited(RateLimited.Source.SMTP_TEST)
    public Uni<Response> test(@FormParam("to") String to) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (to != null && !to.isBlank()) {
            request.put("to", to.trim());
        }
        return notifications.testSmtp(request)
                .flatMap(queued -> Html.status(202, ConsoleTemplates.smtpQueued(queued.path("id").asText(),
                        Json.texts(queued.path("recipients")))))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "notification-service", "SMTP test")));
    }
}
