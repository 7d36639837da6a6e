package io.inquest.gateway.security;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@link BearerCredentials}' business. On the console's routes ({@link ConsoleCookie}) a browser
 * presents the same token through the console's sign-in cookie ({@link ConsoleSession}).
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

    /** What a matched route needs, and whether the console's cookie may stand in for the header. */
    record Route(Scope scope, Optional<SourceCredentials.Source> ownCredential, Optional<ConsoleCookie> console) {

        static Route of(Method method, Class<?> resource) {
            RequiresScope declared = method.getAnnotation(RequiresScope.class);
            if (declared == null && resource != null) {
                declared = resource.getAnnotation(RequiresScope.class);
            }
            ConsoleCookie console = method.getAnnotation(ConsoleCookie.class);
            if (console == null && resource != null) {
                console = resource.getAnnotation(ConsoleCookie.class);
            }
            OwnCredential own = method.getAnnotation(OwnCredential.class);
            return new Route(declared == null ? Scope.ADMIN : declared.value(), Optional.ofNullable(own).map(OwnCredential::value),
                    Optional.ofNullable(console));
        }
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

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
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // A browser on a console route: the sign-in cookie, if any, is its credential.
        boolean browser = authorization == null && route.console().isPresent();
        if (browser) {
            Optional<String> signedIn = Optional.ofNullable(request.getCookies().get(ConsoleSession.COOKIE))
                    .flatMap(cookie -> ConsoleSession.token(cookie.getValue()));
            if (signedIn.isPresent() && !SAFE_METHODS.contains(request.getMethod())
                    && !"true".equals(request.getHeaderString("HX-Request"))) {
                return Uni.createFrom().item(Problem.of(Response.Status.FORBIDDEN,
                        "A console action is taken from the console's own pages (they send HX-Request: true); "
                                + "this request did not come from them.").toResponse());
            }
            authorization = signedIn.map(token -> "Bearer " + token).orElse(null);
        }
        boolean page = browser && route.console().get().page();
        return credentials.require(route.scope(), authorization)
                .map(refusal -> refusal.map(r -> page ? BrowserRefusal.of(r, request) : refuse(r)).orElse(null));
    }

    private static Response refuse(BearerCredentials.Refusal refusal) {
        return Response.fromResponse(Problem.of(refusal.status(), refusal.detail()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge()).build();
    }
}
