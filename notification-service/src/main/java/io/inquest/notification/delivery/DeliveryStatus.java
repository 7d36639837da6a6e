package io.inquest.notification.delivery;

import java.util.Locale;

/** {@code pending} → {@code sent} | {@code retrying} → ... → {@code sent} | {@code failed}. */
public enum DeliveryStatus {
    PENDING, RETRYING, SENT, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
