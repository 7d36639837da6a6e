package io.inquest.gateway.security;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.gateway.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The OpenAPI document and Swagger UI ({@code /q/openapi}, {@code /q/swagger-ui}) are served by
 * Quarkus outside the REST layer, so {@link AccessFilter} never sees them. They describe every
 * route, so they need a token with scope {@code read}, like the rest of the read side; health
 * ({@code /q/health}) and metrics ({@code /q/metrics}) stay open for probes and scrapers. Open
 * like everything else when {@code INQUEST_ALLOW_UNAUTHENTICATED=true} and no token is configured.
 */
@ApplicationScoped
class ApiDescriptionAccess {

    /** After Quarkus' own HTTP security filters, before any route. */
    private static final int PRIORITY = 100;

    private final BearerCredentials credentials;
    private final ObjectMapper json;
    private final List<String> protectedPaths;

    ApiDescriptionAccess(BearerCredentials credentials, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApplicationRoot,
            @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "openapi") String openApi,
            @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui") String swaggerUi) {
        this.credentials = credentials;
        this.json = json;
        this.protectedPaths = List.of(resolve(nonApplicationRoot, openApi), resolve(nonApplicationRoot, swaggerUi));
    }

    /** As Quarkus resolves them: a path with a leading slash is absolute, otherwise under the non-application root. */
    static String resolve(String root, String path) {
        String trimmed = path.replaceAll("/+$", "");
        if (trimmed.startsWith("/")) {
            return trimmed;
        }
        String base = root.startsWith("/") ? root : "/" + root;
        return base.replaceAll("/+$", "") + "/" + trimmed;
    }

    boolean describesTheApi(String path) {
        return path != null && protectedPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/")
                || path.startsWith(p + "."));
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext context) {
        if (!describesTheApi(context.normalizedPath())) {
            context.next();
            return;
        }
        credentials.require(Scope.READ, context.request().getHeader(HttpHeaders.AUTHORIZATION)).subscribe().with(refusal -> {
            if (refusal.isEmpty()) {
                context.next();
                return;
            }
            BearerCredentials.Refusal why = refusal.get();
            String body;
            try {
                body = json.writeValueAsString(Problem.of(why.status(), why.detail()));
            } catch (JsonProcessingException e) {
                context.fail(e);
                return;
            }
            context.response().setStatusCode(why.status().getStatusCode())
                    .putHeader("WWW-Authenticate", why.challenge())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                    .end(body);
        }, context::fail);
    }
}
