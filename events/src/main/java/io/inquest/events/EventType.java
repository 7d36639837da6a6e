package io.inquest.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event Inquest publishes: its CloudEvent {@code ce_type}, its topic and the record that
 * is its JSON data. A type's version changes only with an incompatible change of its data.
 */
public enum EventType {

    INVESTIGATION_REQUESTED("io.inquest.investigation.requested.v1", Topics.INVESTIGATION_REQUESTS, InvestigationRequested.class),
    ALERT_RESOLVED("io.inquest.alert.resolved.v1", Topics.INVESTIGATION_REQUESTS, AlertResolved.class),
    INVESTIGATION_QUEUED("io.inquest.investigation.queued.v1", Topics.INVESTIGATION_PROGRESS, InvestigationQueued.class),
    STAGE_STARTED("io.inquest.investigation.stage-started.v1", Topics.INVESTIGATION_PROGRESS, StageStarted.class),
    TOOL_CALLED("io.inquest.investigation.tool-called.v1", Topics.INVESTIGATION_PROGRESS, ToolCalled.class),
    STAGE_COMPLETED("io.inquest.investigation.stage-completed.v1", Topics.INVESTIGATION_PROGRESS, StageCompleted.class),
    INVESTIGATION_COMPLETED("io.inquest.investigation.completed.v1", Topics.INVESTIGATION_COMPLETIONS, InvestigationCompleted.class),
    INVESTIGATION_FAILED("io.inquest.investigation.failed.v1", Topics.INVESTIGATION_COMPLETIONS, InvestigationFailed.class),
    INVESTIGATION_CANCELLED("io.inquest.investigation.cancelled.v1", Topics.INVESTIGATION_COMPLETIONS, InvestigationCancelled.class),
    NOTIFICATION_DELIVERED("io.inquest.notification.delivered.v1", Topics.NOTIFICATION_EVENTS, NotificationDelivered.class),
    NOTIFICATION_FAILED("io.inquest.notification.failed.v1", Topics.NOTIFICATION_EVENTS, NotificationFailed.class),
    CHANGE_RECORDED("io.inquest.change.recorded.v1", Topics.CHANGE_EVENTS, ChangeRecorded.class);

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> dataType;

    EventType(String ceType, String topic, Class<? extends Record> dataType) {
        this.ceType = ceType;
        this.topic = topic;
        this.dataType = dataType;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> dataType() {
        return dataType;
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(Class<? extends Record> dataType) {
        return Arrays.stream(values()).filter(t -> t.dataType.equals(dataType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(dataType + " is not an Inquest event"));
    }
}
