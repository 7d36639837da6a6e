package io.inquest.gateway.deadletter;

import jakarta.validation.constraints.PositiveOrZero;

/** A record of a dead-letter topic, by partition and offset (what a listing shows). */
public record RecordPosition(@PositiveOrZero int partition, @PositiveOrZero long offset) {

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
