package io.inquest.gateway.deadletter;

import java.util.List;

/**
 * The newest records of one dead-letter topic.
 *
 * @param count how many records the topic holds (its retained offsets, all partitions)
 * @param records at most the asked limit, oldest first
 */
public record DeadLetterListing(String topic, long count, List<DeadLetter> records) {
}
