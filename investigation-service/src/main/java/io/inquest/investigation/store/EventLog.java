package io.inquest.investigation.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** One event to append: its id, and what it says. */
    public record Entry(String eventId, Record data) {
    }

    /**
     * Appends the entries in their order with one look-up for the ids already there (those are
     * skipped), instead of one per event.
     */
    public Uni<Void> appendAll(String investigationId, List<Entry> entries, Instant at) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = entries.stream().map(Entry::eventId).toList();
        return StoredEvent.<StoredEvent>list("eventId in ?1", ids).flatMap(found -> {
            Set<String> existing = new HashSet<>();
            found.forEach(event -> existing.add(event.eventId));
            List<StoredEvent> fresh = new ArrayList<>();
            for (Entry entry : entries) {
                if (existing.add(entry.eventId())) {
                    fresh.add(event(entry.eventId(), investigationId, entry.data(), at, null));
                }
            }
            return StoredEvent.persist(fresh);
        });
    }

    /** An event that is already on Kafka (it came from there): history for the API, nothing for the relay. */
    public Uni<Boolean> recordHistory(String eventId, String investigationId, Record data, Instant at) {
        return store(eventId, investigationId, data, at, Instant.now());
    }

    private Uni<Boolean> store(String eventId, String investigationId, Record data, Instant at, Instant publishedAt) {
        return StoredEvent.count("eventId", eventId).flatMap(existing -> {
            if (existing > 0) {
                return Uni.createFrom().item(false);
            }
            return event(eventId, investigationId, data, at, publishedAt).persist().replaceWith(true);
        });
    }

    private StoredEvent event(String eventId, String investigationId, Record data, Instant at, Instant publishedAt) {
        EventType type = EventType.of(data.getClass());
        StoredEvent event = new StoredEvent();
        event.eventId = eventId;
        event.investigationId = investigationId;
        event.topic = type.topic();
        event.ceType = type.ceType();
        event.payload = write(data);
        event.createdAt = at;
        event.publishedAt = publishedAt;
        return event;
    }

    private String write(Record data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + data.getClass().getSimpleName(), e);
        }
    }
}
