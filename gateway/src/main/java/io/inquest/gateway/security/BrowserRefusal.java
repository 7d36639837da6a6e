package io.inquest.gateway.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A console request refused ({@link ConsoleCookie}), answered for a browser: without a usable
 * credential, to the sign-in page (htmx follows {@code HX-Redirect}, a page load follows 303);
 * with a credential that lacks the scope, a short HTML note that says which scope, with nothing of
 * the page behind it.
 */
final class BrowserRefusal {

    private BrowserRefusal() {
    }

    static Response of(BearerCredentials.Refusal refusal, ContainerRequestContext request) {
        boolean htmx = "true".equals(request.getHeaderString("HX-Request"));
        if (refusal.status() == Response.Status.UNAUTHORIZED) {
            String here = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String signIn = "/sign-in?next=" + URLEncoder.encode(query == null ? here : here + "?" + query, StandardCharsets.UTF_8);
            return htmx ? Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", signIn).build()
                    : Response.seeOther(java.net.URI.create(signIn)).build();
        }
        String note = "<p class=\"trouble\" role=\"alert\">" + escape(refusal.detail())
                + " <a href=\"/sign-in\">Sign in with another token</a>.</p>";
        String body = htmx ? note
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>Inquest: not allowed</title>"
                        + "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main>" + note + "</main></body></html>";
        return Response.status(refusal.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge()).entity(body).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
