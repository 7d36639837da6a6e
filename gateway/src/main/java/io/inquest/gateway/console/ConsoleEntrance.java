package io.inquest.gateway.console;

import java.util.Optional;
import java.util.regex.Pattern;

import io.inquest.gateway.GatewayConfig;
import io.inquest.gateway.security.BearerCredentials;
import io.inquest.gateway.security.ConsoleSession;
import io.inquest.gateway.security.Scope;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The way into the console: {@code /} leads to the investigations, and the sign-in page takes a
 * token, checks it like a bearer token (it must carry {@code read}), and keeps it in the browser's
 * sign-in cookie ({@link ConsoleSession}). These are plain HTTP routes, outside the API's access
 * filter, because they are where a credential is presented rather than used.
 *
 * <p>Signing in and out needs {@code HX-Request: true} (the page's htmx sends it), so another
 * site's form cannot sign a browser in with the other site's token, nor out.
 */
@ApplicationScoped
public class ConsoleEntrance {

    private static final Pattern SAME_SITE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,2000}");

    private final BearerCredentials credentials;
    private final GatewayConfig config;

    public ConsoleEntrance(BearerCredentials credentials, GatewayConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.get("/").handler(rc -> rc.response().setStatusCode(303).putHeader("Location", "/investigations").end());
        router.get("/sign-in").handler(this::form);
        router.post("/sign-in").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(this::signIn);
        router.post("/sign-out").handler(this::signOut);
    }

    private void form(RoutingContext rc) {
        html(rc.response(), 200).end(ConsoleTemplates.signIn(next(rc.request().getParam("next"))).render());
    }

    private void signIn(RoutingContext rc) {
        if (!fromTheConsole(rc)) {
            return;
        }
        String token = Optional.ofNullable(rc.request().getFormAttribute("token")).map(String::trim).orElse("");
        String next = next(rc.request().getFormAttribute("next"));
        if (token.isEmpty()) {
            html(rc.response(), 400).end(ConsoleTemplates.signInRefused("Paste a token to sign in.").render());
            return;
        }
        credentials.require(Scope.READ, "Bearer " + token).subscribe().with(refusal -> {
            if (refusal.isEmpty()) {
                rc.response().addCookie(ConsoleSession.signIn(token, https(rc), config.console().signInLasts()));
                rc.response().putHeader("HX-Redirect", next).setStatusCode(200).end();
            } else {
                String why = refusal.get().status().getStatusCode() == 403 ? refusal.get().detail()
                        : "That token is not one this gateway accepts.";
                html(rc.response(), refusal.get().status().getStatusCode()).end(ConsoleTemplates.signInRefused(why).render());
            }
        }, failure -> html(rc.response(), 503).end(ConsoleTemplates.signInRefused(
                "The token could not be checked now; try again in a moment.").render()));
    }

    private void signOut(RoutingContext rc) {
        if (!fromTheConsole(rc)) {
            return;
        }
        rc.response().addCookie(ConsoleSession.signOut(https(rc)));
        rc.response().putHeader("HX-Redirect", "/sign-in").setStatusCode(200).end();
    }

    private static boolean fromTheConsole(RoutingContext rc) {
        if ("true".equals(rc.request().getHeader("HX-Request"))) {
            return true;
        }
        html(rc.response(), 403).end(ConsoleTemplates.signInRefused("Sign in and out from the console's own page.").render());
        return false;
    }

    private static boolean https(RoutingContext rc) {
        return "https".equalsIgnoreCase(rc.request().scheme());
    }

    /** Where to go after signing in: a path of this gateway only, never another site. */
    static String next(String requested) {
        if (requested == null || !SAME_SITE_PATH.matcher(requested).matches() || requested.startsWith("//")
                || requested.startsWith("/sign-")) {
            return "/investigations";
        }
        return requested;
    }

    private static HttpServerResponse html(HttpServerResponse response, int status) {
        return response.setStatusCode(status).putHeader("Content-Type", "text/html; charset=UTF-8")
                .putHeader("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY).putHeader("Cache-Control", "no-store");
    }
}
