package io.inquest.gateway.security;

import java.util.Optional;

import io.inquest.gateway.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Whether an {@code Authorization} header carries a bearer token with a scope: one of the
 * configured tokens ({@link ApiTokens}) or, when OIDC is on, an access token of the OIDC provider
 * ({@link OidcCredentials}). Shared by the API's filter ({@link AccessFilter}) and the one in front
 * of the OpenAPI document ({@link ApiDescriptionAccess}), so both refuse the same way.
 *
 * <p>Fail-closed: with no token source configured every request is refused, unless
 * {@code INQUEST_ALLOW_UNAUTHENTICATED=true} opens the door (a machine-local stack). A refusal names
 * what is missing (the header, the scope), never a secret or what was sent.
 */
@ApplicationScoped
public class BearerCredentials {

    /** Why a request is refused: the status, RFC 6750's challenge and a sentence for the operator. */
    public record Refusal(Response.Status status, String challenge, String detail) {
    }

    private final ApiTokens tokens;
    private final OidcCredentials oidc;
    private final boolean allowUnauthenticated;

    public BearerCredentials(ApiTokens tokens, OidcCredentials oidc, GatewayConfig config) {
        this.tokens = tokens;
        this.oidc = oidc;
        this.allowUnauthenticated = config.allowUnauthenticated();
    }

    /** An empty item lets the request through; otherwise the item says why not. */
    public Uni<Optional<Refusal>> require(Scope needed, String authorization) {
        if (!tokens.configured() && !oidc.enabled()) {
            return Uni.createFrom().item(allowUnauthenticated ? Optional.empty() : Optional.of(new Refusal(Response.Status.UNAUTHORIZED,
                    challenge(needed, null), "This route needs Authorization: Bearer <token> with scope '" + needed.wireName()
                            + "', and the gateway has no token configured for it: set INQUEST_TOKENS (or OIDC) on the gateway.")));
        }
        String bearer = bearer(authorization);
        if (bearer == null) {
            return Uni.createFrom().item(Optional.of(new Refusal(Response.Status.UNAUTHORIZED, challenge(needed, null),
                    "This route needs a token with scope '" + needed.wireName() + "': send Authorization: Bearer <token>.")));
        }
        Optional<ApiTokens.ApiToken> token = tokens.match(bearer);
        if (token.isPresent()) {
            return Uni.createFrom().item(token.get().allows(needed) ? Optional.empty()
                    : Optional.of(forbidden("The token '" + token.get().name() + "'", needed)));
        }
        return oidc.authenticate(bearer).map(caller -> caller.isEmpty() ? Optional.of(invalidToken(needed))
                : caller.get().scopes().contains(needed) ? Optional.empty()
                        : Optional.of(forbidden("The OIDC token of " + caller.get().name(), needed)));
    }

    private Refusal invalidToken(Scope needed) {
        String accepted = oidc.enabled()
                ? "neither a token of INQUEST_TOKENS or INQUEST_WEBHOOK_TOKEN nor a valid OIDC access token (signed by the "
                        + "configured provider, for this audience, not expired)"
                : "not a token of INQUEST_TOKENS or INQUEST_WEBHOOK_TOKEN";
        return new Refusal(Response.Status.UNAUTHORIZED, challenge(needed, "invalid_token"), "The bearer token is " + accepted
                + "; this route needs scope '" + needed.wireName() + "'. Send Authorization: Bearer <token>.");
    }

    private static Refusal forbidden(String who, Scope needed) {
        return new Refusal(Response.Status.FORBIDDEN, challenge(needed, "insufficient_scope"),
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
}
