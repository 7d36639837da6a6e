package io.inquest.gateway.security;

import java.util.Optional;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.inquest.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Puts the service credential ({@code INQUEST_SERVICE_TOKEN}) on every call to the internal
 * services. Nothing of the caller's own request is passed on: the caller's token is for the
 * gateway, the service token is for the services.
 */
@ApplicationScoped
public class ServiceCredentialHeaders implements ClientHeadersFactory {

    private final Optional<String> authorization;

    public ServiceCredentialHeaders(GatewayConfig config) {
        this.authorization = config.serviceToken().filter(t -> !t.isBlank()).map(t -> "Bearer " + t.trim());
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        authorization.ifPresent(value -> headers.putSingle(HttpHeaders.AUTHORIZATION, value));
        return headers;
    }
}
