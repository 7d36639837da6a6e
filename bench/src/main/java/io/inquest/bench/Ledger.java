package io.inquest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.events.EventType;
import io.inquest.events.Topics;
import io.inquest.infra.MailServer;
import io.inquest.infra.MailServer.Receipt;
import io.inquest.infra.TopicReader;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * What went in and what came out of one run: every email the SMTP server accepted (watched
 * all along, so a server restart loses none from the count), and at the end the records on
 * the request, progress and completion topics. Counts lost and duplicated work and splits the
 * end-to-end time into its stages.
 */
final class Ledger implements AutoCloseable {

    private final MailServer mail;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<MimeMessage, Receipt> seen = new IdentityHashMap<>();
    private final List<Receipt> receipts = new ArrayList<>();
    /** Investigations left out of the result: the warm-up's. */
    private final Set<String> excluded = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

    Ledger(MailServer mail) {
        this.mail = mail;
        watcher.scheduleWithFixedDelay(this::collect, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void collect() {
        try {
            List<Receipt> now = mail.receipts();
            synchronized (this) {
                for (Receipt receipt : now) {
                    if (seen.put(receipt.message(), receipt) == null) {
                        receipts.add(receipt);
                    }
                }
            }
        } catch (RuntimeException stoppedOrBusy) {
            // The server is down for a fault run; what it had is already counted.
        }
    }

    /** Leaves these investigations (a warm-up) out of the result. */
    void exclude(Collection<String> investigationIds) {
        excluded.addAll(investigationIds);
    }

    int excludedCount() {
        return excluded.size();
    }

    /** Distinct investigations that have at least one email. */
    synchronized int investigationsEmailed() {
        Set<String> ids = new HashSet<>();
        receipts.forEach(r -> ids.add(investigationOf(r)));
        return ids.size();
    }

    /** Returns as soon as the SMTP server accepts another email, or after {@code timeout}. */
    void awaitNextEmail(Duration timeout) throws InterruptedException {
        int before = mail.receipts().size();
        Instant deadline = Instant.now().plus(timeout);
        while (mail.receipts().size() == before && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
    }

    /** Waits until every one of {@code expected} investigations has its email, or {@code deadline}; then a grace for late duplicates. */
    void awaitEmails(int expected, Instant deadline, Duration grace) throws InterruptedException {
        while (investigationsEmailed() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        Thread.sleep(grace.toMillis());
        collect();
    }

    /**
     * The counts and times of a run whose load reported {@code accepted}; with
     * {@code readBodies}, also how the emails' HTML shows markup that came from alerts.
     */
    Result result(Collection<AlertLoad.Accepted> accepted, String bootstrap, boolean readBodies) {
        Map<String, Instant> acceptedAt = new HashMap<>();
        accepted.forEach(a -> acceptedAt.merge(a.investigationId(), a.at(), (x, y) -> x.isBefore(y) ? x : y));

        Set<String> requested = new HashSet<>();
        int requestRecords = 0;
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(bootstrap, Topics.INVESTIGATION_REQUESTS, Duration.ofMinutes(2))) {
            if (!excluded.contains(r.key()) && EventType.INVESTIGATION_REQUESTED.ceType().equals(TopicReader.header(r, "ce_type"))) {
                requested.add(r.key());
                requestRecords++;
            }
        }

        Map<String, Instant> queuedAt = new HashMap<>();
        Map<String, Instant> startedAt = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(bootstrap, Topics.INVESTIGATION_PROGRESS, Duration.ofMinutes(5))) {
            String type = TopicReader.header(r, "ce_type");
            if (EventType.INVESTIGATION_QUEUED.ceType().equals(type)) {
                queuedAt.putIfAbsent(r.key(), instant(r.value(), "queuedAt"));
            } else if (EventType.STAGE_STARTED.ceType().equals(type)) {
                startedAt.merge(r.key(), instant(r.value(), "startedAt"), (x, y) -> x.isBefore(y) ? x : y);
            }
        }

        Map<String, Instant> doneAt = new HashMap<>();
        Map<String, Integer> terminalRecords = new HashMap<>();
        Set<String> completed = new HashSet<>();
        Set<String> failed = new HashSet<>();
        Set<String> cancelled = new HashSet<>();
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(bootstrap, Topics.INVESTIGATION_COMPLETIONS, Duration.ofMinutes(2))) {
            if (excluded.contains(r.key())) {
                continue;
            }
            String type = TopicReader.header(r, "ce_type");
            terminalRecords.merge(r.key(), 1, Integer::sum);
            if (EventType.INVESTIGATION_COMPLETED.ceType().equals(type)) {
                completed.add(r.key());
                doneAt.putIfAbsent(r.key(), instant(r.value(), "completedAt"));
            } else if (EventType.INVESTIGATION_FAILED.ceType().equals(type)) {
                failed.add(r.key());
                doneAt.putIfAbsent(r.key(), instant(r.value(), "failedAt"));
            } else {
                cancelled.add(r.key());
            }
        }

        List<Receipt> emails;
        synchronized (this) {
            emails = receipts.stream().filter(r -> !excluded.contains(investigationOf(r))).toList();
        }
        Map<String, Instant> emailedAt = new HashMap<>();
        Set<String> messageIds = new HashSet<>();
        Set<String> pairs = new HashSet<>();
        int injectedHeaders = 0;
        int rawScript = 0;
        int escapedScript = 0;
        for (Receipt email : emails) {
            String id = investigationOf(email);
            emailedAt.merge(id, email.receivedAt(), (x, y) -> x.isBefore(y) ? x : y);
            messageIds.add(email.messageId());
            pairs.add(id + "|" + email.to());
            injectedHeaders += readBodies && injectedHeader(email.message()) ? 1 : 0;
            String html = readBodies ? html(email.message()) : "";
            rawScript += html.contains("<script") ? 1 : 0;
            escapedScript += html.contains("&lt;script&gt;") ? 1 : 0;
        }

        Latencies total = new Latencies(acceptedAt.size());
        Latencies intake = new Latencies(acceptedAt.size());
        Latencies waiting = new Latencies(acceptedAt.size());
        Latencies running = new Latencies(acceptedAt.size());
        Latencies notifying = new Latencies(acceptedAt.size());
        int lostInvestigations = 0;
        int lostEmails = 0;
        for (Map.Entry<String, Instant> entry : acceptedAt.entrySet()) {
            String id = entry.getKey();
            if (!terminalRecords.containsKey(id)) {
                lostInvestigations++;
            }
            Instant emailed = emailedAt.get(id);
            if (emailed == null) {
                lostEmails++;
                continue;
            }
            total.add(nanos(entry.getValue(), emailed));
            if (queuedAt.containsKey(id) && startedAt.containsKey(id) && doneAt.containsKey(id)) {
                intake.add(nanos(entry.getValue(), queuedAt.get(id)));
                waiting.add(nanos(queuedAt.get(id), startedAt.get(id)));
                running.add(nanos(startedAt.get(id), doneAt.get(id)));
                notifying.add(nanos(doneAt.get(id), emailed));
            }
        }
        Set<String> publishedWithout202 = new HashSet<>(requested);
        publishedWithout202.removeAll(acceptedAt.keySet());
        int republished = terminalRecords.values().stream().mapToInt(n -> n - 1).sum();
        return new Result(acceptedAt.size(), requestRecords, requested.size(), publishedWithout202.size(), completed.size(), failed.size(),
                cancelled.size(), republished, lostInvestigations, acceptedAt.size(), emails.size(), lostEmails,
                emails.size() - messageIds.size(), emails.size() - pairs.size(), injectedHeaders, rawScript, escapedScript,
                perSecond(doneAt.values()), perSecond(emailedAt.values()), total, intake, waiting, running, notifying);
    }

    /** Counts and times of one run. Emails expected: one per accepted alert (one recipient, no test alerts). */
    record Result(int accepted, int requestRecords, int requested, int publishedWithout202, int completed, int failed, int cancelled,
            int terminalRepublished, int lostInvestigations, int emailsExpected, int emailsReceived, int emailsLost,
            int duplicatedByMessageId, int duplicatedByInvestigationAndRecipient, int injectedHeaders, int rawScriptInHtml,
            int escapedScriptInHtml, double investigationsPerSecond, double emailsPerSecond, Latencies total, Latencies intake, Latencies waiting, Latencies running,
            Latencies notifying) {
    }

    /** Events per second between the first and the last of {@code times}. */
    private static double perSecond(Collection<Instant> times) {
        if (times.size() < 2) {
            return Double.NaN;
        }
        Instant first = times.stream().min(Instant::compareTo).orElseThrow();
        Instant last = times.stream().max(Instant::compareTo).orElseThrow();
        return (times.size() - 1) / (Duration.between(first, last).toMillis() / 1000.0);
    }

    private static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    private static String investigationOf(Receipt receipt) {
        String subject = receipt.subject();
        return subject.substring(subject.lastIndexOf(' ') + 1);
    }

    private Instant instant(String value, String field) {
        try {
            JsonNode node = json.readTree(value).path(field);
            return Instant.parse(node.asText());
        } catch (Exception e) {
            throw new IllegalStateException("no " + field + " in " + value, e);
        }
    }

    private static String html(MimeMessage message) {
        try {
            return html(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    /** Whether text from an alert made it into the message's headers (a Bcc smuggled in with CR LF). */
    private static boolean injectedHeader(MimeMessage message) {
        try {
            return Collections.list(message.getAllHeaderLines()).stream().anyMatch(line -> line.contains("evil.test"));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    /** The first text/html part, however deep the multiparts nest. */
    private static String html(Object content) throws Exception {
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                String found = part.isMimeType("text/html") ? String.valueOf(part.getContent()) : html(part.getContent());
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
