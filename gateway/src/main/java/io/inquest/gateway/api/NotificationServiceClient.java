package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.inquest.gateway.security.ServiceCredentialHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The notification-service's REST API: delivery results per investigation, and the SMTP checks. */
@RegisterClientHeaders(ServiceCredentialHeaders.class)
@RegisterRestClient(configKey = "notification-service")
public interface NotificationServiceClient {

    @GET
    @Path("/deliveries")
    Uni<JsonNode> deliveries(@QueryParam("investigationId") String investigationId);

    @GET
    @Path("/api/subscriptions")
    Uni<JsonNode> subscriptions();

    @POST
    @Path("/api/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> subscribe(JsonNode rule);

    @DELETE
    @Path("/api/subscriptions/{id}")
    Uni<Void> unsubscribe(@PathParam("id") long id);

    @POST
    @Path("/api/smtp/verify")
    Uni<JsonNode> verifySmtp();

    @POST
    @Path("/api/smtp/test")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> testSmtp(JsonNode request);
}
