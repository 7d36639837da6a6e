package io.inquest.gateway.security;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.gateway.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Every route of the API and the webhooks needs a bearer token carrying the route's scope
 * ({@link RequiresScope}), except webhooks whose own credential is configured ({@link OwnCredential}),
 * which the resource checks. What a bearer token is and how a request is refused is
 * {@link BearerCredentials}' business.
 *
 * <p>Fail-closed: a route that no configured credential covers refuses every request, unless
 * {@code INQUEST_ALLOW_UNAUTHENTICATED=true} opens it (a machine-local stack). Runs after the route
 * is matched, so the scope comes from the code that serves the request and not from reading the
 * path, and before the body is read.
 */
public class AccessFilter {

    private final BearerCredentials credentials;
    private final SourceCredentials sourceCredentials;
    private final Map<Method, Route> routes = new ConcurrentHashMap<>();

    public AccessFilter(BearerCredentials credentials, SourceCredentials sourceCredentials) {
        this.credentials = credentials;
        this.sourceCredentials = sourceCredentials;
    }

    /** What a matched route needs. */
    record Route(Scope scope, Optional<SourceCredentials.Source> ownCredential) {

        static Route of(Method method, Class<?> resource) {
            RequiresScope declared = method.getAnnotation(RequiresScope.class);
            if (declared == null && resource != null) {
                declared = resource.getAnnotation(RequiresScope.class);
            }
            OwnCredential own = method.getAnnotation(OwnCredential.class);
            return new Route(declared == null ? Scope.ADMIN : declared.value(), Optional.ofNullable(own).map(OwnCredential::value));
        }
    }

    /** A {@code null} item lets the request through; otherwise the item is the refusal. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        Route route = routes.computeIfAbsent(method, m -> Route.of(m, resource.getResourceClass()));
        if (route.ownCredential().filter(sourceCredentials::configured).isPresent()) {
            return Uni.createFrom().nullItem();
        }
        return credentials.require(route.scope(), request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .map(refusal -> refusal.map(AccessFilter::refuse).orElse(null));
    }

    private static Response refuse(BearerCredentials.Refusal refusal) {
        return Response.fromResponse(Problem.of(refusal.status(), refusal.detail()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge()).build();
    }
}
