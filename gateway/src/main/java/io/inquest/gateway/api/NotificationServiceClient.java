package io.inquest.gateway.api;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The notification-service's REST API: delivery results per investigation. */
@RegisterRestClient(configKey = "notification-service")
public interface NotificationServiceClient {

    @GET
    @Path("/deliveries")
    Uni<JsonNode> deliveries(@QueryParam("investigationId") String investigationId);
}
