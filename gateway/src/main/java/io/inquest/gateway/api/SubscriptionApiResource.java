package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Subscription rules (who else gets which RCAs) on the public API; the notification-service
 * owns and validates them.
 */
@Path("/api/subscriptions")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionApiResource {

    private final NotificationServiceClient notifications;

    public SubscriptionApiResource(@RestClient NotificationServiceClient notifications) {
        this.notifications = notifications;
    }

    @GET
    public Uni<Response> list() {
        return notifications.subscriptions().map(body -> Response.ok(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "notification-service", "subscriptions"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(@NotNull(message = "a JSON body is required") JsonNode rule) {
        return notifications.subscribe(rule).map(body -> Response.status(Response.Status.CREATED).entity(body).build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "notification-service", "subscription"));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> remove(@PathParam("id") long id) {
        return notifications.unsubscribe(id).map(done -> Response.noContent().build())
                .onFailure().recoverWithItem(e -> UpstreamErrors.toProblem(e, "notification-service", "subscription " + id));
    }
}
