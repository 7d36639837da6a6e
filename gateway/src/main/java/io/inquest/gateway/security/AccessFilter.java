package io.inquest.gateway.security;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Every route of the API and the webhooks needs a bearer token carrying the route's scope
 * ({@link RequiresScope}), except webhooks whose own credential is configured ({@link OwnCredential}).
 * Fail-closed: a route that no configured credential covers refuses every request, unless
 * {@code INQUEST_ALLOW_UNAUTHENTICATED=true} opens it (a machine-local stack). Runs after the route
 * is matched, so the scope comes from the code that serves the request and not from reading the
 * path, and before the body is read. Answers name what is missing (the header, the scope), never
 * a secret or what was sent.
 */
public class AccessFilter {

    private final ApiTokens tokens;
    private final SourceCredentials sourceCredentials;
    private final boolean allowUnauthenticated;
    private final Map<Method, Route> routes = new ConcurrentHashMap<>();

    public AccessFilter(ApiTokens tokens, SourceCredentials sourceCredentials, GatewayConfig config) {
        this.tokens = tokens;
        this.sourceCredentials = sourceCredentials;
        this.allowUnauthenticated = config.allowUnauthenticated();
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

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        Route route = routes.computeIfAbsent(method, m -> Route.of(m, resource.getResourceClass()));
        return Uni.createFrom().item(check(route, request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }

    /** {@code null} to let the request through, else the refusal. */
    Response check(Route route, String authorization) {
        if (route.ownCredential().filter(sourceCredentials::configured).isPresent()) {
            return null;
        }
        String needed = route.scope().wireName();
        if (!tokens.configured()) {
            return allowUnauthenticated ? null : refuse(Response.Status.UNAUTHORIZED, "Bearer realm=\"inquest\", scope=\"" + needed + "\"",
                    "This route needs Authorization: Bearer <token> with scope '" + needed + "', and the gateway has no "
                            + "token configured for it: set INQUEST_TOKENS on the gateway.");
        }
        String bearer = bearer(authorization);
        if (bearer == null) {
            return refuse(Response.Status.UNAUTHORIZED, "Bearer realm=\"inquest\", scope=\"" + needed + "\"",
                    "This route needs a token with scope '" + needed + "': send Authorization: Bearer <token>.");
        }
        Optional<ApiTokens.ApiToken> token = tokens.match(bearer);
        if (token.isEmpty()) {
            return refuse(Response.Status.UNAUTHORIZED, "Bearer realm=\"inquest\", error=\"invalid_token\", scope=\"" + needed + "\"",
                    "The bearer token is not one the gateway accepts (INQUEST_TOKENS, INQUEST_WEBHOOK_TOKEN); this route "
                            + "needs scope '" + needed + "'. Send Authorization: Bearer <token>.");
        }
        return token.get().allows(route.scope()) ? null : forbidden("The token '" + token.get().name() + "'", route.scope());
    }

    static Response forbidden(String who, Scope needed) {
        return refuse(Response.Status.FORBIDDEN,
                "Bearer realm=\"inquest\", error=\"insufficient_scope\", scope=\"" + needed.wireName() + "\"",
                who + " does not have scope '" + needed.wireName() + "', which this route needs.");
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Response refuse(Response.Status status, String challenge, String detail) {
        return Response.fromResponse(Problem.of(status, detail).toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
