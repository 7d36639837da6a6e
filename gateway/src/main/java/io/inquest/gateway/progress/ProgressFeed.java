package io.inquest.gateway.progress;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.Topics;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every progress and completion event as it happens, for the SSE streams of this gateway
 * instance. Each instance reads both topics in its own consumer group from the latest offset:
 * it only needs what happens while a client is watching; the past comes from the
 * investigation-service's stored history.
 */
@ApplicationScoped
public class ProgressFeed {

    private static final Logger LOG = Logger.getLogger(ProgressFeed.class);

    private final ProgressHub hub;
    private final ObjectMapper json;

    public ProgressFeed(ProgressHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @Incoming("progress-feed")
    public CompletionStage<Void> progress(Message<String> record) {
        return publish(record);
    }

    @Incoming("completions-feed")
    public CompletionStage<Void> completions(Message<String> record) {
        return publish(record);
    }

    private CompletionStage<Void> publish(Message<String> record) {
        try {
            IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
            IncomingCloudEventMetadata<?> cloudEvent = record.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
            Header seq = kafka == null ? null : kafka.getHeaders().lastHeader(Topics.SEQUENCE_HEADER);
            // Parsing every event costs CPU on each instance at every rate; only a watched one is worth it.
            if (kafka != null && cloudEvent != null && seq != null && record.getPayload() != null
                    && hub.watched(String.valueOf(kafka.getKey()))) {
                JsonNode data = json.readTree(record.getPayload());
                Instant time = cloudEvent.getTimeStamp().map(t -> t.toInstant()).orElse(kafka.getTimestamp());
                hub.publish(new ProgressEvent(String.valueOf(kafka.getKey()),
                        Long.parseLong(new String(seq.value(), StandardCharsets.UTF_8)), cloudEvent.getId(),
                        cloudEvent.getType(), time, data));
            }
        } catch (Exception unreadable) {
            // A feed for live viewers: an unreadable record is skipped, the history stays complete.
            LOG.debugf("progress record skipped: %s", unreadable.toString());
        }
        return record.ack();
    }
}
