package io.inquest.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@code Message-ID} that is the same every time the same email is sent to the same person,
 * so a mail system can drop the duplicate that no sender can rule out (the connection drops
 * after the server took the message but before it said so).
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String investigationId, String recipient, DeliveryKind kind, String fromAddress) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        return "<" + investigationId + "." + kind.wireName() + "." + shortHash(recipient) + "@" + domain + ">";
    }

    private static String shortHash(String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipient.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
