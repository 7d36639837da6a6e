package io.inquest.notification.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text from the alert or the report cut into plain pieces and web addresses, so the HTML email
 * can make each address a real link while Qute still escapes every piece. Only {@code http} and
 * {@code https} addresses become links: a {@code javascript:} or {@code data:} "address" in an alert
 * stays inert text.
 */
public record LinkedText(List<Piece> pieces) {

    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[^\\s<>\"'`]+", Pattern.CASE_INSENSITIVE);
    /** Sentence punctuation right after an address belongs to the sentence, not to the address. */
    private static final String TRAILING = ".,;:!?)]}";

    /** A piece of text; {@code href} is set when the piece is a web address. */
    public record Piece(String text, String href) {

        public boolean link() {
            return href != null;
        }
    }

    public LinkedText {
        pieces = List.copyOf(pieces);
    }

    public static LinkedText of(String text) {
        List<Piece> pieces = new ArrayList<>();
        if (text == null) {
            return new LinkedText(pieces);
        }
        Matcher matcher = WEB_ADDRESS.matcher(text);
        int plainFrom = 0;
        while (matcher.find()) {
            int end = matcher.end();
            while (end > matcher.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (matcher.start() > plainFrom) {
                pieces.add(new Piece(text.substring(plainFrom, matcher.start()), null));
            }
            String address = text.substring(matcher.start(), end);
            pieces.add(new Piece(address, address));
            plainFrom = end;
        }
        if (plainFrom < text.length()) {
            pieces.add(new Piece(text.substring(plainFrom), null));
        }
        return new LinkedText(pieces);
    }

    /** The address itself when the whole text is one web address, else {@code null}. */
    public static String webAddress(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        return WEB_ADDRESS.matcher(trimmed).matches() ? trimmed : null;
    }
}
