package io.inquest.gateway.deadletter;

import java.util.List;

/**
 * What a replay put back, each record acknowledged by Kafka (acks=all).
 *
 * @param replayedTo the topic the records were re-published to
 */
public record ReplayResult(String topic, String replayedTo, List<Replayed> replayed) {

    /** One dead letter and where its copy now is on the original topic. */
    public record Replayed(int partition, long offset, String key, String ceId, int toPartition, long toOffset) {
    }
}
