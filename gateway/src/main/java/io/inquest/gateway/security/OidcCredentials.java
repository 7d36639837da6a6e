package io.inquest.gateway.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.inquest.gateway.GatewayConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Access tokens of an OIDC provider (Quarkus OIDC, when {@code QUARKUS_OIDC_TENANT_ENABLED=true}):
 * signature, issuer, audience and expiry are checked by the provider's keys and settings; the
 * token's Inquest scopes are its roles (by default the {@code scope} claim) that carry the prefix.
 */
@ApplicationScoped
public class OidcCredentials {

    private static final Logger LOG = Logger.getLogger(OidcCredentials.class);

    /** Who a valid OIDC token speaks for, and what it may do here. */
    public record Caller(String name, Set<Scope> scopes) {
    }

    private final boolean enabled;
    private final String prefix;
    private final Instance<TenantIdentityProvider> provider;

    public OidcCredentials(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled,
            GatewayConfig config, Instance<TenantIdentityProvider> provider) {
        this.enabled = enabled;
        this.prefix = config.oidc().scopePrefix();
        this.provider = provider;
    }

    public boolean enabled() {
        return enabled;
    }

    public String scopePrefix() {
        return prefix;
    }

    /** The caller when {@code bearer} is a valid access token of the provider; empty when it is not (or OIDC is off). */
    public Uni<Optional<Caller>> authenticate(String bearer) {
        if (!enabled) {
            return Uni.createFrom().item(Optional.empty());
        }
        return provider.get().authenticate(new AccessTokenCredential(bearer))
                .map(identity -> Optional.of(new Caller(identity.getPrincipal().getName(), scopes(identity))))
                .onFailure().recoverWithItem(failure -> {
                    // Why a token was refused helps whoever configures the provider; the token itself is never logged.
                    LOG.debugf("an OIDC bearer token was refused: %s", failure.toString());
                    return Optional.empty();
                });
    }

    private Set<Scope> scopes(SecurityIdentity identity) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String role : identity.getRoles()) {
            if (role.startsWith(prefix)) {
                Scope.parse(role.substring(prefix.length())).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
