package io.inquest.notification.subscription;

import java.net.URI;
import java.util.List;

import io.inquest.notification.api.ApiProblems;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
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

/** Subscription rules over REST: who else gets which RCAs. */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final Subscriptions subscriptions;

    public SubscriptionResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    @WithSession
    public Uni<List<SubscriptionRule>> list() {
        return subscriptions.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Response> add(@Valid @NotNull(message = "a JSON body is required") SubscriptionRule rule) {
        return subscriptions.add(rule)
                .map(saved -> Response.created(URI.create("/api/subscriptions/" + saved.id())).entity(saved).build());
    }

    @DELETE
    @Path("/{id}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") long id) {
        return subscriptions.remove(id).map(removed -> removed ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND).type("application/problem+json")
                        .entity(new ApiProblems.Problem("about:blank", "Not Found", 404,
                                "No subscription " + id + "."))
                        .build());
    }
}
