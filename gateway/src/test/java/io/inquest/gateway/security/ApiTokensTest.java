package io.inquest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void namedTokensAreMatchedByTheHashOfWhatIsPresentedWithTheirScopes() {
        ApiTokens tokens = ApiTokens.of(Optional.of("alertmanager:ingest:sha256:" + sha256("am-secret") + ";\n"
                + " alice : read,operate,admin : " + sha256("alice-secret").toUpperCase()), Optional.empty());

        assertThat(tokens.match("am-secret")).hasValueSatisfying(t -> {
            assertThat(t.name()).isEqualTo("alertmanager");
            assertThat(t.scopes()).containsExactly(Scope.INGEST);
        });
        assertThat(tokens.match("alice-secret")).hasValueSatisfying(t ->
                assertThat(t.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.OPERATE, Scope.ADMIN));
        assertThat(tokens.match("sha256:" + sha256("am-secret"))).as("the hash itself is not a token").isEmpty();
        assertThat(tokens.match("guess")).isEmpty();
        assertThat(tokens.configured()).isTrue();
    }

    @Test
    void theLegacyWebhookTokenHasEveryScope() {
        ApiTokens tokens = ApiTokens.of(Optional.empty(), Optional.of("legacy-secret"));
        assertThat(tokens.match("legacy-secret")).hasValueSatisfying(t -> {
            assertThat(t.name()).isEqualTo("INQUEST_WEBHOOK_TOKEN");
            assertThat(t.scopes()).isEqualTo(Set.of(Scope.values()));
        });
    }

    @Test
    void noTokensConfiguredMatchesNothing() {
        ApiTokens tokens = ApiTokens.of(Optional.of("  "), Optional.of(""));
        assertThat(tokens.configured()).isFalse();
        assertThat(tokens.match("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alertmanager:ingest                         | entry 1 (alertmanager): write it as <name>:<scope>[,<scope>...]:sha256:<hex>",
            "alertmanager:ingest,root:sha256:HASH        | entry 1 (alertmanager): 'root' is not a scope (ingest, read, operate, admin)",
            "alertmanager::sha256:HASH                   | entry 1 (alertmanager): name at least one scope",
            "alertmanager:ingest:md5:abcd                | entry 1 (alertmanager): the hash must be sha256:<64 hex digits>",
            "alertmanager:ingest:sha256:abcd             | entry 1 (alertmanager): the hash must be sha256:<64 hex digits>",
            "bad name:ingest:sha256:HASH                 | entry 1: the name must be 1-64 letters, digits, '.', '_' or '-'",
            "a:ingest:sha256:HASH;a:read:sha256:OTHER    | entry 2 (a): the name is already used by entry 1",
            "a:ingest:sha256:HASH;b:read:sha256:HASH     | entry 2 (b): the same hash as entry 1 (a); give each sender its own token"})
    void anInvalidEntryIsRefusedWithItsPlaceAndTheRuleButNotTheHash(String spec, String message) {
        String configured = spec.replace("HASH", sha256("one")).replace("OTHER", sha256("two"));
        assertThatThrownBy(() -> ApiTokens.of(Optional.of(configured), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("INQUEST_TOKENS " + message)
                .hasMessageNotContaining(sha256("one"));
    }
}
