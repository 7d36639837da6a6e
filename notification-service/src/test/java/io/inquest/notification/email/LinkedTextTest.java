package io.inquest.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.inquest.notification.email.LinkedText.Piece;

class LinkedTextTest {

    @Test
    void webAddressesBecomeLinksBetweenPlainPieces() {
        assertThat(LinkedText.of("see https://a.example.com/x?y=1 and http://b.example.com, then stop").pieces()).containsExactly(
                new Piece("see ", null), new Piece("https://a.example.com/x?y=1", "https://a.example.com/x?y=1"),
                new Piece(" and ", null), new Piece("http://b.example.com", "http://b.example.com"),
                new Piece(", then stop", null));
    }

    @Test
    void sentencePunctuationAfterAnAddressStaysOutOfTheLink() {
        assertThat(LinkedText.of("(runbook: https://r.example.com/a).").pieces()).containsExactly(
                new Piece("(runbook: ", null), new Piece("https://r.example.com/a", "https://r.example.com/a"), new Piece(").", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.example.com", "mailto:a@example.com"})
    void onlyHttpAddressesAreLinked(String text) {
        assertThat(LinkedText.of(text).pieces()).containsExactly(new Piece(text, null));
        assertThat(LinkedText.webAddress(text)).isNull();
    }

    @Test
    void noTextIsNoPieces() {
        assertThat(LinkedText.of(null).pieces()).isEmpty();
    }
}
