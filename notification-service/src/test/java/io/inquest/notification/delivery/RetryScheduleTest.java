package io.inquest.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(2), Duration.ofMinutes(5), 10);

    @RepeatedTest(20)
    void delayDoublesPerAttemptWithinTwentyPercentJitter() {
        assertThat(schedule.delayAfter(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        assertThat(schedule.delayAfter(3)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
    }

    @RepeatedTest(20)
    void delayNeverGrowsPastTheMaximumBeyondJitter() {
        assertThat(schedule.delayAfter(40)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
    }

    @Test
    void anotherAttemptIsAllowedOnlyBelowTheLimit() {
        assertThat(schedule.allowsAnotherAfter(9)).isTrue();
        assertThat(schedule.allowsAnotherAfter(10)).isFalse();
    }
}
