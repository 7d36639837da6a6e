package io.inquest.gateway.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a credential may do. Each route needs one; a credential carries any number of them. */
public enum Scope {
    /** Send alerts and changes: the webhooks, and operator submissions of an investigation. */
    INGEST,
    /** List and show investigations, follow their events. */
    READ,
    /** Act on running things: cancel an investigation, replay dead letters, check and test SMTP. */
    OPERATE,
    /** Change who gets what and how: subscriptions, settings. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** {@code ingest, read, operate, admin}: for messages. */
    public static String all() {
        return Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", "));
    }
}
