package io.inquest.bench.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCheckTest {

    @Test
    void wellFormedScenariosPassAndABrokenOneIsNamedWithItsReason(@TempDir Path dir) throws Exception {
        Path resources = Path.of(getClass().getResource("/rca-scenarios").toURI());
        Path broken = Files.createDirectories(dir.resolve("broken/unknown-source"));
        Files.writeString(broken.resolve("scenario.yml"), "description: x\nsource: nagios\n");
        Files.writeString(broken.resolve("alert.json"), "{}");
        Files.writeString(broken.resolve("expect.yml"), "category: healthy\n");
        Path orphanLogs = Files.createDirectories(dir.resolve("logs/without-pods"));
        Files.writeString(orphanLogs.resolve("scenario.yml"), "description: x\nsource: generic\n");
        Files.writeString(orphanLogs.resolve("alert.json"), "{\"title\": \"x\"}");
        Files.writeString(orphanLogs.resolve("expect.yml"), "category: unknown\nnot_categories: [bogus]\n");
        Files.writeString(orphanLogs.resolve("logs.jsonl"),
                "{\"labels\": {\"namespace\": \"a\", \"pod\": \"p-1\"}, \"time\": \"2026-01-01T00:00:00Z\", \"line\": \"boom\"}\n"
                        // no offset: read as UTC, not dropped
                        + "{\"labels\": {\"namespace\": \"a\", \"pod\": \"p-1\"}, \"time\": \"2026-01-01T00:00:01\", \"line\": \"boom\"}\n"
                        + "not json\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ScenarioCheck.run(dir, List.of(resources, dir), new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed.lines().filter(l -> l.startsWith("OK    ")).count()).isEqualTo(4);
        assertThat(printed).contains("BAD   broken/unknown-source: scenario.yml: source must be one of")
                .contains("warning: logs.jsonl line 3 is ignored")
                .contains("warning: logs.jsonl: 2 of 2 lines belong to no served pod")
                .contains("warning: expect.yml: not_categories names bogus")
                .endsWith("4 ok, 1 bad\n");
    }
}
