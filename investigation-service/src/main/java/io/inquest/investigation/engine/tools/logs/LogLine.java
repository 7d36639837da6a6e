package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;

/**
 * One log line as a backend gave it.
 *
 * @param previous true when it was read from the previous (crashed or restarted) container
 * @param backend  where it was read: {@code kubernetes} or {@code loki}
 */
public record LogLine(Instant time, String pod, String container, boolean previous, String text, String backend) {
}
