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
        return store(eventId, investigationId, data, at, null);
    }

    /** An event that is already on Kafka (it came from there): history for the API, nothing for the relay. */
    public Uni<Boolean> recordHistory(String eventId, String investigationId, Record data, Instant at) {
        return store(eventId, investigationId, data, at, Instant.now());
    }

    private Uni<Boolean> store(String eventId, String investigationId, Record data, Instant at, Instant publishedAt) {
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
            event.publishedAt = publishedAt;
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
