package io.inquest.investigation.engine.tools.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void valuesAreWrittenAsOperatorsAndKubernetesWriteThem() {
        assertThat(Quantities.bytes(512 * 1024 * 1024)).isEqualTo("512Mi");
        assertThat(Quantities.bytes(498.4 * 1024 * 1024)).isEqualTo("498Mi");
        assertThat(Quantities.bytes(1.5 * 1024 * 1024 * 1024)).isEqualTo("1.5Gi");
        assertThat(Quantities.cores(0.25)).isEqualTo("250m");
        assertThat(Quantities.cores(2)).isEqualTo("2");
        assertThat(Quantities.percent(0.312)).isEqualTo("31%");
        assertThat(Quantities.percent(0.002)).isEqualTo("0.2%");
        assertThat(Quantities.percent(0.974)).isEqualTo("97%");
        assertThat(Quantities.percent(1)).isEqualTo("100%");
        assertThat(Quantities.percent(0)).isEqualTo("0%");
        assertThat(Quantities.seconds(0.35)).isEqualTo("350 ms");
        assertThat(Quantities.seconds(2.5)).isEqualTo("2.5 s");
        assertThat(Quantities.seconds(900)).isEqualTo("15 min");
        assertThat(Quantities.time(Instant.parse("2026-03-10T10:02:15.400Z"))).isEqualTo("10:02:15Z");
        assertThat(Quantities.number(0.0312345)).isEqualTo("0.0312");
        assertThat(Quantities.number(1250)).isEqualTo("1250");
    }
}
