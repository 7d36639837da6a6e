package io.inquest.gateway.deadletter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.inquest.events.Topics;
import io.inquest.gateway.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the dead-letter topics and puts chosen records back on the topic they came from. Reading
 * uses a short-lived consumer without a group (assign and seek), so listing never moves anyone's
 * offsets; it is bounded by a record count and a time limit. A replay re-publishes the original
 * key, value and headers without the {@code dead-letter-*} ones: to a consumer it is a redelivery,
 * which it already deduplicates by event id. Blocking: callers run on worker threads.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String HEADER_PREFIX = "dead-letter-";

    private final String bootstrapServers;
    private final GatewayConfig.DeadLetters settings;
    private final long retryAfterSeconds;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, GatewayConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.settings = config.deadLetters();
        this.retryAfterSeconds = config.retryAfter().toSeconds();
    }

    /** The newest {@code limit} records of {@code topic} (or of every dead-letter topic when it is null). */
    public List<DeadLetterListing> list(String topic, Integer limit) {
        int wanted = limit == null ? settings.defaultLimit() : limit;
        if (wanted < 1 || wanted > settings.maxRecords()) {
            throw new DeadLetterRequestException("limit must be between 1 and " + settings.maxRecords() + ", not " + wanted + ".");
        }
        List<String> topics = topic == null || topic.isBlank() ? Topics.DEAD_LETTER_TOPICS : List.of(known(topic));
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<DeadLetterListing> listings = new ArrayList<>();
            for (String deadLetterTopic : topics) {
                listings.add(newest(consumer, deadLetterTopic, wanted));
            }
            return listings;
        } catch (KafkaException e) {
            throw unavailable("read " + String.join(", ", topics), e);
        }
    }

    /** Re-publishes the chosen records to their original topic and returns each once Kafka acknowledged it. */
    public ReplayResult replay(ReplayRequest request) {
        String topic = known(request.topic());
        String target = topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length());
        List<ConsumerRecord<byte[], byte[]>> chosen;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            chosen = request.all() ? everything(consumer, topic) : chosen(consumer, topic, request.records());
        } catch (KafkaException e) {
            throw unavailable("read " + topic, e);
        }
        for (ConsumerRecord<byte[], byte[]> record : chosen) {
            String from = header(record.headers(), HEADER_PREFIX + "topic");
            if (from != null && !from.equals(target)) {
                throw new DeadLetterRequestException("Record " + record.partition() + ":" + record.offset() + " of " + topic
                        + " says it came from " + from + ", but a replay from " + topic + " goes only to " + target
                        + "; nothing was replayed.");
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : chosen) {
            ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(target, null, record.key(), record.value());
            for (Header header : record.headers()) {
                if (!header.key().startsWith(HEADER_PREFIX)) {
                    copy.headers().add(header.key(), header.value());
                }
            }
            sends.add(producer().send(copy));
        }
        List<ReplayResult.Replayed> replayed = new ArrayList<>();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            for (int i = 0; i < chosen.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = chosen.get(i);
                RecordMetadata at = sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                replayed.add(new ReplayResult.Replayed(record.partition(), record.offset(), text(record.key()),
                        header(record.headers(), "ce_id"), at.partition(), at.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("replay to " + target, e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("replay of %s to %s stopped after %d of %d record(s): %s", topic, target, replayed.size(), chosen.size(), e);
            throw unavailable("replay to " + target + " (" + replayed.size() + " of " + chosen.size() + " records acknowledged)", e);
        }
        LOG.infof("replayed %d record(s) from %s to %s: %s", replayed.size(), topic, target,
                replayed.stream().map(r -> r.partition() + ":" + r.offset()).collect(Collectors.joining(", ")));
        return new ReplayResult(topic, target, replayed);
    }

    private static String known(String topic) {
        if (topic == null || !Topics.DEAD_LETTER_TOPICS.contains(topic)) {
            throw new DeadLetterRequestException("'" + topic + "' is not a dead-letter topic of Inquest; use one of "
                    + String.join(", ", Topics.DEAD_LETTER_TOPICS) + ".");
        }
        return topic;
    }

    private DeadLetterListing newest(KafkaConsumer<byte[], byte[]> consumer, String topic, int limit) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            return new DeadLetterListing(topic, 0, List.of());
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, settings.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, settings.timeout());
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        Map<TopicPartition, Long> from = new HashMap<>();
        partitions.forEach(p -> from.put(p, Math.max(begin.get(p), end.get(p) - limit)));
        List<ConsumerRecord<byte[], byte[]>> read = read(consumer, topic, from, end);
        List<DeadLetter> records = read.stream()
                .sorted(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                        .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset))
                .skip(Math.max(0, read.size() - limit)).map(this::deadLetter).toList();
        return new DeadLetterListing(topic, count, records);
    }

    private List<ConsumerRecord<byte[], byte[]>> everything(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, settings.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, settings.timeout());
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        if (count > settings.maxRecords()) {
            throw new DeadLetterRequestException(topic + " holds " + count + " records, more than one replay takes ("
                    + settings.maxRecords() + "); replay them by partition and offset, or raise INQUEST_DEAD_LETTERS_MAX_RECORDS.");
        }
        return read(consumer, topic, begin, end);
    }

    private List<ConsumerRecord<byte[], byte[]>> chosen(KafkaConsumer<byte[], byte[]> consumer, String topic,
            List<RecordPosition> positions) {
        if (positions.size() > settings.maxRecords()) {
            throw new DeadLetterRequestException("A replay takes at most " + settings.maxRecords() + " records.");
        }
        Set<Integer> known = partitions(consumer, topic).stream().map(TopicPartition::partition).collect(Collectors.toSet());
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        for (RecordPosition position : positions) {
            if (known.contains(position.partition())) {
                TopicPartition partition = new TopicPartition(topic, position.partition());
                from.merge(partition, position.offset(), Math::min);
                to.merge(partition, position.offset() + 1, Math::max);
            }
        }
        Map<TopicPartition, Long> end = from.isEmpty() ? Map.of() : consumer.endOffsets(from.keySet(), settings.timeout());
        to.replaceAll((partition, offset) -> Math.min(offset, end.get(partition)));
        Map<String, ConsumerRecord<byte[], byte[]>> byPosition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read(consumer, topic, from, to)) {
            byPosition.put(record.partition() + ":" + record.offset(), record);
        }
        Set<String> missing = new TreeSet<>();
        Map<String, ConsumerRecord<byte[], byte[]>> chosen = new LinkedHashMap<>();
        for (RecordPosition position : positions) {
            ConsumerRecord<byte[], byte[]> record = byPosition.get(position.toString());
            if (record == null) {
                missing.add(position.toString());
            } else {
                chosen.putIfAbsent(position.toString(), record);
            }
        }
        if (!missing.isEmpty()) {
            throw new DeadLetterRequestException(topic + " has no record at " + String.join(", ", missing)
                    + " (partition:offset; it may have expired); nothing was replayed.");
        }
        return List.copyOf(chosen.values());
    }

    /** Every record from {@code from} (inclusive) to {@code to} (exclusive) per partition, within the time limit. */
    private List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, String topic,
            Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<TopicPartition> pending = from.keySet().stream().filter(p -> from.get(p) < to.get(p)).toList();
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        if (pending.isEmpty()) {
            return read;
        }
        consumer.assign(pending);
        pending.forEach(p -> consumer.seek(p, from.get(p)));
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (pending.stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
            if (System.nanoTime() > deadline) {
                throw unavailable("read " + topic, new TimeoutException("not read to the asked offsets within " + settings.timeout()));
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < to.get(new TopicPartition(topic, record.partition()))) {
                    read.add(record);
                }
            }
        }
        return read;
    }

    /** The topic's partitions, assigned to the consumer, so asking for their offsets also keeps its state current. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        // A dead-letter topic exists once its first record was written: none yet is an empty listing.
        List<TopicPartition> partitions = consumer.partitionsFor(topic, settings.timeout()).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        int shown = Math.min(value.length, settings.previewBytes());
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                text(record.key()), header(record.headers(), "ce_type"), header(record.headers(), "ce_id"),
                header(record.headers(), HEADER_PREFIX + "topic"), header(record.headers(), HEADER_PREFIX + "reason"),
                header(record.headers(), HEADER_PREFIX + "exception-class-name"), header(record.headers(), HEADER_PREFIX + "cause"),
                value.length, preview(value, shown), shown < value.length);
    }

    /** The first bytes as UTF-8, without a character cut in half; bytes that are not UTF-8 show as U+FFFD. */
    private static String preview(byte[] value, int length) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.decode(ByteBuffer.wrap(value, 0, length), chars, length == value.length);
        return chars.flip().toString();
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : text(header.value());
    }

    private DeadLettersUnavailableException unavailable(String what, Exception cause) {
        return new DeadLettersUnavailableException("Kafka did not let the gateway " + what + ": " + cause.getMessage(), cause, retryAfterSeconds);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "inquest-gateway-dead-letters",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, settings.maxRecords()),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            int timeout = (int) settings.timeout().toMillis();
            producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "inquest-gateway-replay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                    // Kafka requires delivery.timeout.ms >= request.timeout.ms + linger.ms.
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                    ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
