package io.inquest.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecipientsTest {

    @Test
    void mergeNormalisesAndKeepsEachAddressOnceInFirstSeenOrder() {
        assertThat(Recipients.merge(List.of("SRE@Example.com", " dev@example.com "), List.of("sre@example.com", "", "ops@example.com")))
                .containsExactly("sre@example.com", "dev@example.com", "ops@example.com");
    }

    @Test
    void onlyPlainSingleAddressesAreDeliverable() {
        assertThat(Recipients.isDeliverable("oncall@example.com")).isTrue();
        assertThat(Recipients.isDeliverable("oncall@localhost")).as("a local mail catcher").isTrue();
        assertThat(Recipients.isDeliverable("oncall")).isFalse();
        assertThat(Recipients.isDeliverable("oncall@")).isFalse();
        assertThat(Recipients.isDeliverable("a@example.com, b@example.com")).isFalse();
        assertThat(Recipients.isDeliverable("Oncall <oncall@example.com>")).isFalse();
    }
}
