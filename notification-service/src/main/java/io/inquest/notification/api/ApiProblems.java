package io.inquest.notification.api;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** API errors of this service as {@code application/problem+json} (RFC 9457). */
public class ApiProblems {

    /** The body of a problem answer. */
    public record Problem(String type, String title, int status, String detail) {
    }

    private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b).orElse("invalid");
        Response.Status status = Response.Status.BAD_REQUEST;
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail)).build();
    }
}
