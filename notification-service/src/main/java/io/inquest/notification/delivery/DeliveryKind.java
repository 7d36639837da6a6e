package io.inquest.notification.delivery;

/** Which email a delivery carries; part of its identity, so a completion and a failure never collide. */
public enum DeliveryKind {
    RCA_COMPLETE("rca-complete"),
    RCA_FAILED("rca-failed"),
    /** A test email asked for over {@code POST /api/smtp/test}. */
    SMTP_TEST("smtp-test");

    private final String wireName;

    DeliveryKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
