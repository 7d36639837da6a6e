package io.inquest.bench.rca;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.PrometheusServer;

/**
 * {@code bench/run rca --check}: reads every scenario the way a run loads it, without starting
 * anything but {@code promtool}, so a scenario's author sees at once what the runner would
 * refuse or leave out: a missing or malformed file, a kind the mock API server does not know, a
 * log line no served pod would show, metrics promtool cannot backfill, a category outside the
 * taxonomy.
 */
public final class ScenarioCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioCheck() {
    }

    /** 0 when every scenario can be run, 1 otherwise; warnings do not fail. */
    public static int run(Path root, List<Path> dirs, PrintStream out) throws Exception {
        List<Path> found = Scenario.find(dirs);
        int bad = 0;
        Path work = Files.createTempDirectory("inquest-rca-check");
        try {
            for (Path dir : found) {
                String name = ScenarioSuite.name(root, dir);
                List<String> warnings = new ArrayList<>();
                try {
                    out.println("OK    " + name + "  (" + check(dir, work, warnings) + ")");
                } catch (Exception e) {
                    bad++;
                    out.println("BAD   " + name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                }
                warnings.forEach(w -> out.println("      warning: " + w));
            }
        } finally {
            deleteQuietly(work);
        }
        out.println((found.size() - bad) + " ok, " + bad + " bad");
        return bad == 0 && !found.isEmpty() ? 0 : 1;
    }

    private static String check(Path dir, Path work, List<String> warnings) throws Exception {
        Scenario scenario = Scenario.load(dir);
        JSON.readTree(scenario.alert());
        Expectation expect = scenario.expect();
        if (!Expectation.TAXONOMY.contains(expect.category())) {
            warnings.add("expect.yml: category " + expect.category() + " is not in the taxonomy " + Expectation.TAXONOMY);
        }
        expect.notCategories().stream().filter(c -> !Expectation.TAXONOMY.contains(c))
                .forEach(c -> warnings.add("expect.yml: not_categories names " + c + ", which is not in the taxonomy"));
        List<String> facts = new ArrayList<>();
        ClusterSnapshot cluster = scenario.kubernetes().map(f -> ClusterSnapshot.read(f, warnings::add)).orElse(ClusterSnapshot.empty());
        facts.add(cluster.objects().size() + " objects");
        if (scenario.logs().isPresent()) {
            PodLogs logs = PodLogs.read(scenario.logs().get(), warnings::add);
            List<PodLogs.Line> unassigned = logs.unassigned(cluster);
            if (!unassigned.isEmpty()) {
                warnings.add("logs.jsonl: " + unassigned.size() + " of " + logs.size()
                        + " lines belong to no served pod (no pod, workload or container matches), e.g. " + unassigned.get(0).labels());
            }
            facts.add(logs.size() + " log lines");
        }
        if (scenario.metrics().isPresent()) {
            Path data = Files.createTempDirectory(work, "tsdb");
            PrometheusServer.backfill(scenario.metrics().get(), data, work.resolve("promtool.log"));
            facts.add("metrics backfilled");
        }
        if (scenario.changes().isPresent()) {
            JsonNode changes = JSON.readTree(scenario.changes().get().toFile());
            if (!changes.isArray()) {
                warnings.add("changes.json is not an array; it is sent as one change");
            }
            facts.add((changes.isArray() ? changes.size() : 1) + " change(s)");
        }
        return String.join(", ", facts);
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder; the OS cleans it up otherwise
        }
    }
}
