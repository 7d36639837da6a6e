package io.inquest.investigation.api;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every API error of this service as {@code application/problem+json}. */
public class ApiProblemMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b).orElse("invalid");
        return ApiProblem.response(Response.Status.BAD_REQUEST, detail);
    }

    @ServerExceptionMapper
    public Response invalidCursor(IllegalArgumentException e) {
        return ApiProblem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return ApiProblem.response(status == null ? Response.Status.INTERNAL_SERVER_ERROR : status, e.getMessage());
    }
}
