package io.inquest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The console's sign-in: the token the operator typed, kept by the browser in a cookie that
 * scripts cannot read ({@code HttpOnly}), that no other site's page sends ({@code SameSite=Strict}),
 * and that travels only over HTTPS when the console is served over HTTPS ({@code Secure}). The
 * gateway stores nothing: each request's cookie is checked like a bearer token.
 */
public final class ConsoleSession {

    public static final String COOKIE = "inquest_console";

    private ConsoleSession() {
    }

    /** The cookie that signs the browser in; the value is the token, base64url so any token fits a cookie. */
    public static Cookie signIn(String token, boolean https, Duration lasts) {
        return base(Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)), https)
                .setMaxAge(lasts.toSeconds());
    }

    /** The cookie that signs it out: empty and already expired. */
    public static Cookie signOut(boolean https) {
        return base("", https).setMaxAge(0);
    }

    /** The token in a cookie's value, if it holds one. */
    public static Optional<String> token(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        try {
            String token = new String(Base64.getUrlDecoder().decode(cookieValue), StandardCharsets.UTF_8);
            return token.isBlank() ? Optional.empty() : Optional.of(token);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static Cookie base(String value, boolean https) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(https).setSameSite(CookieSameSite.STRICT);
    }
}
