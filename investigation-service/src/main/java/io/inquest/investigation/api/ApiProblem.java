package io.inquest.investigation.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem answer of this service's API. */
public record ApiProblem(String type, String title, int status, String detail) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Response response(Response.Status status, String detail) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new ApiProblem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail)).build();
    }
}
