package io.inquest.events;

/** CloudEvent {@code ce_source} of each emitting service. */
public final class EventSources {

    public static final String GATEWAY = "/inquest/gateway";
    public static final String INVESTIGATION_SERVICE = "/inquest/investigation-service";
    public static final String NOTIFICATION_SERVICE = "/inquest/notification-service";

    private EventSources() {
    }
}
