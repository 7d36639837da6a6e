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
 * A bearer token is one of the configured tokens ({@link ApiTokens}) or, when OIDC is on, an access
 * token of the OIDC provider ({@link OidcCredentials}).
 *
 * <p>Fail-closed: a route that no configured credential covers refuses every request, unless
 * {@code INQUEST_ALLOW_UNAUTHENTICATED=true} opens it (a machine-local stack). Runs after the route
 * is matched, so the scope comes from the code that serves the request and not from reading the
 * path, and before the body is read. Answers name what is missing (the header, the scope), never
 * a secret or what was sent.
 */
public class AccessFilter {

    private final ApiTokens tokens;
    private final OidcCredentials oidc;
    private final SourceCredentials sourceCredentials;
    private final boolean allowUnauthenticated;
    private final Map<Method, Route> routes = new ConcurrentHashMap<>();

    public AccessFilter(ApiTokens tokens, OidcCredentials oidc, SourceCredentials sourceCredentials, GatewayConfig config) {
        this.tokens = tokens;
        this.oidc = oidc;
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
        Scope needed = route.scope();
        if (!tokens.configured() && !oidc.enabled()) {
            return Uni.createFrom().item(allowUnauthenticated ? null : refuse(Response.Status.UNAUTHORIZED, challenge(needed, null),
                    "This route needs Authorization: Bearer <token> with scope '" + needed.wireName() + "', and the gateway "
                            + "has no token configured for it: set INQUEST_TOKENS (or OIDC) on the gateway."));
        }
        String bearer = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (bearer == null) {
            return Uni.createFrom().item(refuse(Response.Status.UNAUTHORIZED, challenge(needed, null),
                    "This route needs a token with scope '" + needed.wireName() + "': send Authorization: Bearer <token>."));
        }
        Optional<ApiTokens.ApiToken> token = tokens.match(bearer);
        if (token.isPresent()) {
            return Uni.createFrom().item(token.get().allows(needed) ? null : forbidden("The token '" + token.get().name() + "'", needed));
        }
        return oidc.authenticate(bearer).map(caller -> caller.isEmpty() ? invalidToken(needed)
                : caller.get().scopes().contains(needed) ? null : forbidden("The OIDC token of " + caller.get().name(), needed));
    }

    private Response invalidToken(Scope needed) {
        String accepted = oidc.enabled()
                ? "neither a token of INQUEST_TOKENS or INQUEST_WEBHOOK_TOKEN nor a valid OIDC access token (signed by the "
                        + "configured provider, for this audience, not expired)"
                : "not a token of INQUEST_TOKENS or INQUEST_WEBHOOK_TOKEN";
        return refuse(Response.Status.UNAUTHORIZED, challenge(needed, "invalid_token"), "The bearer token is " + accepted
                + "; this route needs scope '" + needed.wireName() + "'. Send Authorization: Bearer <token>.");
    }

    private static Response forbidden(String who, Scope needed) {
        return refuse(Response.Status.FORBIDDEN, challenge(needed, "insufficient_scope"),
                who + " does not have scope '" + needed.wireName() + "', which this route needs.");
    }

    /** RFC 6750's challenge: the realm, what went wrong (if anything was sent) and the scope needed. */
    private static String challenge(Scope needed, String error) {
        return "Bearer realm=\"inquest\"" + (error == null ? "" : ", error=\"" + error + "\"") + ", scope=\"" + needed.wireName() + "\"";
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
