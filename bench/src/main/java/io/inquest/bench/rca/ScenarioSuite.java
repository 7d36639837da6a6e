package io.inquest.bench.rca;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs RCA scenarios through the real path (gateway, Kafka, investigation-service) against real
 * Prometheus and the Kubernetes stand-in, one after the other, each isolated from the others,
 * and judges each report against its {@code expect.yml}. Prints one row per scenario and
 * {@code N passed, M failed}; writes the same as a Markdown table.
 */
public final class ScenarioSuite {

    /**
     * What to run: scenario folders ({@code dirs}, each a scenario or a folder holding some at
     * any depth), the repository {@code root} (packaged services, names shown relative to it),
     * the time limit of one investigation, where the Markdown table goes, and the machine line.
     */
    public record Settings(Path root, List<Path> dirs, boolean verbose, Duration timeLimit, Path markdown, String machine) {
    }

    /** Hooks for tests: the loaded servers of each scenario, and its verdict. */
    interface Observer {

        default void loaded(Scenario scenario, ScenarioServers servers) throws Exception {
        }

        default void judged(Verdict verdict, JsonNode investigation, ScenarioServers servers) throws Exception {
        }
    }

    private ScenarioSuite() {
    }

    /** Runs the suite; 0 when every scenario passed, 1 otherwise. */
    public static int run(Settings settings, PrintStream out) throws Exception {
        return run(settings, out, new Observer() {
        });
    }

    static int run(Settings settings, PrintStream out, Observer observer) throws Exception {
        List<Path> dirs = Scenario.find(settings.dirs());
        if (dirs.isEmpty()) {
            out.println("no scenarios (folders with an expect.yml) under " + settings.dirs());
            return 1;
        }
        int width = dirs.stream().mapToInt(dir -> name(settings.root(), dir).length()).max().orElse(10);
        List<Verdict> verdicts = new ArrayList<>();
        Path logs = settings.root().resolve("bench/target/rca-logs");
        out.println("# " + dirs.size() + " scenario(s); servers' logs in " + logs);
        try (ScenarioServers servers = new ScenarioServers(settings.root(), logs, settings.timeLimit())) {
            for (Path dir : dirs) {
                String name = name(settings.root(), dir);
                Verdict verdict;
                JsonNode investigation = null;
                String expected = "?";
                try {
                    Scenario scenario = Scenario.load(dir);
                    expected = scenario.expect().category();
                    servers.load(scenario, name, warning -> System.err.println("  warning (" + name + "): " + warning));
                    observer.loaded(scenario, servers);
                    servers.postChanges(scenario, Duration.ofMinutes(1));
                    String id = servers.postAlert(scenario);
                    investigation = servers.awaitOutcome(id, settings.timeLimit().plusSeconds(30));
                    verdict = scenario.expect().judge(name, investigation);
                } catch (Exception e) {
                    verdict = Verdict.broken(name, expected, e.getMessage() == null ? e.toString() : e.getMessage());
                }
                verdicts.add(verdict);
                out.println(row(verdict, width));
                if (settings.verbose() && !verdict.passed()) {
                    out.println(indent(verdict.reportText().isEmpty() ? "(no report)" : verdict.reportText()));
                }
                out.flush();
                observer.judged(verdict, investigation, servers);
            }
        }
        long passed = verdicts.stream().filter(Verdict::passed).count();
        String summary = passed + " passed, " + (verdicts.size() - passed) + " failed";
        out.println(summary);
        writeMarkdown(settings, verdicts, summary);
        return passed == verdicts.size() ? 0 : 1;
    }

    static String row(Verdict verdict, int width) {
        return ("%-4s  %-" + width + "s  expected %-19s  given %-26s  %s").formatted(verdict.passed() ? "PASS" : "FAIL",
                verdict.scenario(), verdict.expected(), verdict.givenText(), verdict.why()).stripTrailing();
    }

    private static void writeMarkdown(Settings settings, List<Verdict> verdicts, String summary) throws IOException {
        StringBuilder md = new StringBuilder("## RCA scenario suite (").append(settings.machine()).append(")\n\n")
                .append("| verdict | scenario | expected | given (validity) | missing / forbidden |\n")
                .append("|---|---|---|---|---|\n");
        for (Verdict v : verdicts) {
            md.append("| ").append(v.passed() ? "PASS" : "FAIL").append(" | `").append(v.scenario()).append("` | ")
                    .append(v.expected()).append(" | ").append(v.givenText()).append(" | ")
                    .append(v.why().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        long passed = verdicts.stream().filter(Verdict::passed).count();
        md.append("\n**").append(summary).append("** (").append(Math.round(100.0 * passed / verdicts.size())).append(" %)\n");
        Files.createDirectories(settings.markdown().toAbsolutePath().getParent());
        Files.writeString(settings.markdown(), md);
    }

    static String name(Path root, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private static String indent(String text) {
        return "      " + text.replace("\n", "\n      ");
    }
}
