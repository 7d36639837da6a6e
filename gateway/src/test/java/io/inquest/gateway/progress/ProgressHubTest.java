package io.inquest.gateway.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The hub keeps a watcher only as long as it is there, and only as far behind as it can afford. */
class ProgressHubTest {

    private final ProgressHub hub = new ProgressHub();
    private final String id = "inq-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);

    private ProgressEvent event(long seq) {
        return new ProgressEvent(id, seq, "ev-" + seq, "io.inquest.investigation.stage-started.v1",
                Instant.parse("2026-01-01T00:00:00Z"), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aWatcherTooFarBehindHasItsStreamEndedAndIsForgotten() {
        AssertSubscriber<ProgressEvent> stuck = hub.of(id).subscribe().withSubscriber(AssertSubscriber.create(0));

        for (long seq = 1; seq <= ProgressHub.BACKLOG + 1; seq++) {
            hub.publish(event(seq));
        }

        stuck.assertFailedWith(Exception.class);
        assertThat(hub.subscribers()).as("hub subscribers after the stuck watcher's stream ended").isZero();
    }

    @Test
    void eventsOfAnotherInvestigationDoNotReachAWatcher() {
        AssertSubscriber<ProgressEvent> watcher = hub.of(id).subscribe().withSubscriber(AssertSubscriber.create(10));

        hub.publish(new ProgressEvent("inq-ffffffffffffffffffffffff", 1, "other", "t", Instant.EPOCH,
                JsonNodeFactory.instance.objectNode()));
        hub.publish(event(2));

        assertThat(watcher.getItems()).extracting(ProgressEvent::seq).as("seqs the watcher got").containsExactly(2L);
        watcher.cancel();
        assertThat(hub.subscribers()).as("hub subscribers after the watcher left").isZero();
    }
}
