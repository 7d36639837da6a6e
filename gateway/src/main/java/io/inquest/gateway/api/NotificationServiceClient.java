package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The notification-service's REST API: delivery results per investigation, and the SMTP checks. */
@RegisterRestClient(configKey = "notification-service")
public interface NotificationServiceClient {

    @GET
    @Path("/deliveries")
    Uni<JsonNode> deliveries(@QueryParam("investigationId") String investigationId);

    @POST
    @Path("/api/smtp/verify")
    Uni<JsonNode> verifySmtp();

    @POST
    @Path("/api/smtp/test")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> testSmtp(JsonNode request);
}
