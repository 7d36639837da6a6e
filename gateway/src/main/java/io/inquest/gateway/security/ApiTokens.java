package io.inquest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.inquest.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The bearer tokens the gateway accepts. {@code INQUEST_TOKENS} names each sender's token with its
 * scopes and only the SHA-256 of the token, so the secret itself never sits in configuration:
 * entries {@code <name>:<scope>[,<scope>...]:sha256:<hex>}, separated by {@code ;} or new lines.
 * A token is rotated by adding an entry under a new name, moving the sender over, and removing
 * the old entry. The legacy {@code INQUEST_WEBHOOK_TOKEN} (plain) is one more token with every scope.
 *
 * <p>Tokens are random secrets, not passwords, so one SHA-256 (no salt, no stretching) is enough to
 * keep them out of configuration and cheap enough to compute on every request. The comparison is
 * constant-time and looks at every entry.
 */
@ApplicationScoped
public class ApiTokens {

    /** The name under which the legacy token shows up in answers. */
    static final String LEGACY_NAME = "INQUEST_WEBHOOK_TOKEN";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** One accepted token: who uses it, what it may do, and the SHA-256 of its secret. */
    public record ApiToken(String name, Set<Scope> scopes, byte[] sha256) {
        public boolean allows(Scope scope) {
            return scopes.contains(scope);
        }
    }

    private final List<ApiToken> tokens;

    ApiTokens(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    @Inject
    public ApiTokens(GatewayConfig config) {
        this(of(config.tokens(), config.webhookToken()).tokens);
    }

    /** @throws IllegalArgumentException naming the entry and the rule it breaks (never the hash) */
    static ApiTokens of(Optional<String> spec, Optional<String> legacy) {
        List<ApiToken> parsed = new ArrayList<>();
        if (spec.isPresent()) {
            int index = 0;
            for (String raw : spec.get().split("[;\\n\\r]+")) {
                if (raw.isBlank()) {
                    continue;
                }
                index++;
                parsed.add(parse(raw.trim(), index, parsed));
            }
        }
        legacy.filter(t -> !t.isBlank()).ifPresent(plain ->
                parsed.add(new ApiToken(LEGACY_NAME, Collections.unmodifiableSet(EnumSet.allOf(Scope.class)), sha256(plain))));
        return new ApiTokens(parsed);
    }

    private static ApiToken parse(String entry, int index, List<ApiToken> earlier) {
        String[] parts = entry.split(":", 3);
        String name = parts[0].trim();
        if (!NAME.matcher(name).matches()) {
            throw invalid(index, null, "the name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (parts.length < 3) {
            throw invalid(index, name, "write it as <name>:<scope>[,<scope>...]:sha256:<hex>");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : parts[1].split(",")) {
            if (!scope.isBlank()) {
                scopes.add(Scope.parse(scope).orElseThrow(() -> invalid(index, name,
                        "'" + scope.trim() + "' is not a scope (" + Scope.all() + ")")));
            }
        }
        if (scopes.isEmpty()) {
            throw invalid(index, name, "name at least one scope (" + Scope.all() + ")");
        }
        String hash = parts[2].trim();
        if (hash.regionMatches(true, 0, "sha256:", 0, 7)) {
            hash = hash.substring(7).trim();
        }
        if (!HEX_SHA256.matcher(hash).matches()) {
            throw invalid(index, name, "the hash must be sha256:<64 hex digits> (printf %s \"$TOKEN\" | sha256sum)");
        }
        byte[] digest = HexFormat.of().parseHex(hash.toLowerCase());
        for (int i = 0; i < earlier.size(); i++) {
            ApiToken other = earlier.get(i);
            if (other.name().equals(name)) {
                throw invalid(index, name, "the name is already used by entry " + (i + 1));
            }
            if (MessageDigest.isEqual(other.sha256(), digest)) {
                throw invalid(index, name, "the same hash as entry " + (i + 1) + " (" + other.name()
                        + "); give each sender its own token");
            }
        }
        return new ApiToken(name, Collections.unmodifiableSet(scopes), digest);
    }

    private static IllegalArgumentException invalid(int index, String name, String rule) {
        return new IllegalArgumentException("INQUEST_TOKENS entry " + index + (name == null ? "" : " (" + name + ")") + ": " + rule);
    }

    public boolean configured() {
        return !tokens.isEmpty();
    }

    /** The names and scopes, for the start-up log; never the hashes. */
    public List<String> describe() {
        return tokens.stream().map(t -> t.name() + " (" + String.join(",", t.scopes().stream().map(Scope::wireName).toList()) + ")")
                .toList();
    }

    /** The token whose hash is the SHA-256 of {@code presented}; every entry is compared, in constant time. */
    public Optional<ApiToken> match(String presented) {
        if (presented == null || tokens.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(token.sha256(), digest) && found == null) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
