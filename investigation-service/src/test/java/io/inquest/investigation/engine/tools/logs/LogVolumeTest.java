package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.inquest.investigation.engine.Observation;

class LogVolumeTest {

    private static final Instant START = Instant.parse("2026-07-01T12:00:00Z");

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            DEBUG     | `2026-07-01 12:00:00.123 DEBUG 1 --- [nio-8080-exec-3] o.h.SQL : select * from documents where id=?`
            DEBUG     | `{"level":"debug","msg":"cache lookup","key":"doc:81"}`
            INFO      | `time="2026-07-01T12:00:00Z" level=info msg="upload stored"`
            ERROR     | `[2026-07-01 12:00:00,123] ERROR in app: write failed`
            WARN      | `W0701 12:00:00.123456       1 reflector.go:424] watch ended`
            TRACE     | `12:00:00.123 [main] TRACE c.e.Store - chunk 4 of 9`
            unleveled | `GET /healthz 200`
            """)
    void readsTheLevelOfALine(String level, String text) {
        assertThat(LogVolume.level(text)).isEqualTo(level);
    }

    @Test
    void aWorkloadLeftAtDebugIsQuotedWithItsShareAndRate() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant at = START.plusMillis(i * 1000L);
            String text = i % 5 == 0 ? "2026-07-01 12:00:00 INFO Stored document " + i : "2026-07-01 12:00:00 DEBUG Buffer flushed for chunk " + i;
            lines.add(new LogLine(at, "docstore-" + (i % 2) , "app", false, text, "kubernetes"));
        }

        List<Observation> found = LogVolume.analyse(lines, "docs/docstore");

        assertThat(found).hasSize(1);
        Observation volume = found.get(0);
        assertThat(volume.attr("of")).isEqualTo("docstore");
        assertThat(volume.number("debugShare").orElseThrow()).isEqualTo(0.8);
        assertThat(volume.text()).startsWith("80 % of docstore's log lines are DEBUG or TRACE, 60 lines/min over 2 pods");
    }

    @Test
    void aQuietLogIsNotReported() {
        assertThat(LogVolume.analyse(List.of(new LogLine(START, "web-7d9f8b6c4-x2k4q", "app", false, "INFO ok", "kubernetes")), "shop/web"))
                .isEmpty();
    }
}
