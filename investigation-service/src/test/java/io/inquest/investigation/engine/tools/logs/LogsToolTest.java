package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The parts of the logs tool that need no backend: merging what the backends read, and the kubelet's lines. */
class LogsToolTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:58:00.123456789Z");

    @Test
    void aLineThatBothTheKubeletAndLokiServeIsReadOnceAsTheKubeletGaveIt() {
        LogLine kubelet = new LogLine(AT, "cart-1", "app", true, "ERROR boom", "kubernetes");
        LogLine sameInLoki = new LogLine(Instant.parse("2026-03-04T09:58:00.123Z"), "cart-1", "app", false, "ERROR boom ", "loki");
        LogLine otherPod = new LogLine(AT, "cart-2", "app", false, "ERROR boom", "loki");

        assertThat(LogsTool.merge(List.of(List.of(kubelet), List.of(sameInLoki, otherPod)))).containsExactly(kubelet, otherPod);
    }

    @Test
    void kubeletLinesKeepTheirNanosecondTimeAndOnlyThoseInTheWindow() {
        String body = """
                2026-03-04T09:20:00.000000000Z before the window
                2026-03-04T09:58:00.123456789Z ERROR boom
                not a kubelet line
                2026-03-04T09:58:01+00:00 \tat com.shop.Cart.add(Cart.java:12)
                2026-03-04T10:30:00.000000000Z after the window
                """;

        List<LogLine> lines = KubeletLogs.parse(body, "cart-1", "app", true, Instant.parse("2026-03-04T09:30:00Z"),
                Instant.parse("2026-03-04T10:10:00Z"), 100);

        assertThat(lines).containsExactly(new LogLine(AT, "cart-1", "app", true, "ERROR boom", "kubernetes"),
                new LogLine(Instant.parse("2026-03-04T09:58:01Z"), "cart-1", "app", true, "\tat com.shop.Cart.add(Cart.java:12)", "kubernetes"));
        assertThat(KubeletLogs.parse(body, "cart-1", "app", false, Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"), 2)).hasSize(2);
    }

    @Test
    void theLogRequestsAreTheCurrentLogFromTheWindowsStartAndThePreviousLogsEnd() {
        Instant from = Instant.parse("2026-03-04T09:30:00.500Z");

        assertThat(KubeletLogs.path("shop", "cart-1", "app", false, from, 4194304))
                .isEqualTo("/api/v1/namespaces/shop/pods/cart-1/log?container=app&timestamps=true&sinceTime=2026-03-04T09:30:00Z&limitBytes=4194304");
        assertThat(KubeletLogs.path("shop", "cart-1", "app", true, from, 5000))
                .isEqualTo("/api/v1/namespaces/shop/pods/cart-1/log?container=app&previous=true&timestamps=true&tailLines=5000");
    }
}
