package io.inquest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A route without a declared scope needs {@code admin} (fail-closed), but that default is a safety
 * net, not a decision: every route says which scope it needs.
 */
class RouteScopesTest {

    @Test
    void everyRouteDeclaresItsScope() {
        assertThat(GatewayRoutes.all()).as("the gateway's REST routes").isNotEmpty()
                .allSatisfy(route -> assertThat(route.declaredScope())
                        .as("%s declares @RequiresScope on the method or its class", route).isPresent());
    }

    @Test
    void theRouteListCoversTheWholeApi() {
        assertThat(GatewayRoutes.all()).extracting(r -> r.httpMethod() + " " + r.path())
                .contains("POST /webhooks/alertmanager", "GET /api/investigations/{id}", "POST /api/investigations/{id}/cancel",
                        "POST /api/smtp/test", "DELETE /api/subscriptions/{id}",
                        "GET /api/dead-letters", "POST /api/dead-letters/replay");
    }
}
