package io.inquest.notification.delivery;

/** Which email a delivery carries; part of its identity, so a completion and a failure never collide. */
public enum DeliveryKind {
    RCA_COMPLETE("rca-complete"),
    RCA_FAILED("rca-failed");

    private final String wireName;

    DeliveryKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
