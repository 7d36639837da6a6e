package io.inquest.investigation.store;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends events to an investigation's history inside the caller's transaction. Appending an
 * event id that is already there is a no-op, so replays and redeliveries change nothing.
 */
@ApplicationScoped
public class EventLog {

    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Boolean> append(String eventId, String investigationId, Record data, Instant at) {
        EventType type = EventType.of(data.getClass());
        return StoredEvent.count("eventId", eventId).flatMap(existing -> {
            if (existing > 0) {
                return Uni.createFrom().item(false);
            }
            StoredEvent event = new StoredEvent();
            event.eventId = eventId;
            event.investigationId = investigationId;
            event.topic = type.topic();
            event.ceType = type.ceType();
            event.payload = write(data);
            event.createdAt = at;
            return event.persist().replaceWith(true);
        });
    }

    private String write(Record data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + data.getClass().getSimpleName(), e);
        }
    }
}
