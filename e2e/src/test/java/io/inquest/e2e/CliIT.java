package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.cli.Inquest;
import io.inquest.infra.FreePorts;

/** The operator CLI against the real gateway (and the rest of the system), command by command, error by error. */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;
    private static Path configDir;

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void startTheSystem() throws Exception {
        configDir = Files.createTempDirectory("inquest-cli");
        System.setProperty("inquest.config.dir", configDir.toString());
        stack = new Stack();
    }

    @AfterAll
    static void stopTheSystem() {
        System.clearProperty("inquest.config.dir");
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void investigateTextWaitsAndPrintsTheSummary() {
        Result result = cli("investigate", "--text", "Checkout is slow since noon " + System.nanoTime(), "--service", "checkout",
                "--notify", "lead@example.com", "--wait");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("completed", "Root cause", "Top analysis", "What to do next", "Internal stats", "Notifications");
    }

    @Test
    void investigateFilesInEachSourceFormatPrintTheirIds() throws Exception {
        Result generic = cli("investigate", "--file", Stack.fixture("generic.json").toString(), "--json");
        assertThat(generic.exit()).as(generic.err()).isZero();
        assertThat(JSON.readTree(generic.out()).path("investigations").get(0).path("id").asText()).startsWith("inq-");

        Result alertmanager = cli("investigate", "--source", "alertmanager", "--file", Stack.fixture("alertmanager-v4.json").toString());
        assertThat(alertmanager.exit()).as(alertmanager.err()).isZero();
        assertThat(alertmanager.out().trim()).matches("inq-[0-9a-f]{24}");
    }

    @Test
    void followStreamsUntilTheEnd() {
        String id = submit("Follow me " + System.nanoTime());
        Result result = cli("follow", id);
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("queued", "stage-started", "tool-called", "completed");
    }

    @Test
    void useMakesAnInvestigationCurrentForShowAndFollow() throws Exception {
        String id = submit("Current one " + System.nanoTime());
        cli("follow", id);
        assertThat(cli("use", id).exit()).isZero();
        Result show = cli("show", "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode investigation = JSON.readTree(show.out());
        assertThat(investigation.path("id").asText()).isEqualTo(id);
        assertThat(Files.readString(configDir.resolve("config.properties"))).contains("current=" + id);
    }

    @Test
    void listAndStatusShowWhatIsThere() throws Exception {
        String id = submit("Listed " + System.nanoTime());
        cli("follow", id);
        Result table = cli("list", "--status", "completed", "--limit", "200");
        assertThat(table.out()).startsWith("ID").contains(id);
        Result json = cli("list", "--json");
        assertThat(JSON.readTree(json.out()).path("items").isArray()).isTrue();
        Result status = cli("status", "--json");
        assertThat(status.exit()).as(status.err()).isZero();
        JsonNode answer = JSON.readTree(status.out());
        assertThat(answer.path("investigations").path("completed").asInt()).isPositive();
        assertThat(answer.path("smtp").path("result").asText()).isEqualTo("passed");
    }

    @Test
    void notifyRulesAreAddedListedAndRemoved() throws Exception {
        Result added = cli("notify", "add", "--name", "db team", "--service", "billing-db", "--severity", "critical",
                "--label", "env=prod", "db-team@example.com");
        assertThat(added.exit()).as(added.err()).isZero();
        String ruleId = added.out().replaceAll("\\D+", " ").trim().split(" ")[0];
        assertThat(cli("notify", "list").out()).contains("db team", "billing-db", "db-team@example.com");
        assertThat(cli("notify", "remove", ruleId).exit()).isZero();
        assertThat(cli("notify", "remove", ruleId).exit()).isEqualTo(5);
        assertThat(cli("notify", "add", "--name", "x", "--label", "oops", "a@example.com").exit()).isEqualTo(1);
    }

    @Test
    void smtpVerifyPassesAndATestEmailIsQueued() {
        Result verify = cli("smtp", "verify");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("passed");
        assertThat(cli("smtp", "test", "--to", "cli@example.com").out()).contains("queued for", "cli@example.com");
    }

    @Test
    void errorsSayWhatIsWrongAndEndWithTheirCodes() throws Exception {
        Result unknown = cli("show", "inq-000000000000000000000000");
        assertThat(unknown.exit()).isEqualTo(5);
        assertThat(unknown.err()).contains("No investigation");

        Result notAnId = cli("show", "nope");
        assertThat(notAnId.exit()).isEqualTo(1);
        assertThat(notAnId.err()).contains("not an investigation id");

        String id = submit("Cancel too late " + System.nanoTime());
        cli("follow", id);
        Result cancel = cli("cancel", id);
        assertThat(cancel.exit()).isEqualTo(1);
        assertThat(cancel.err()).contains("already completed");

        Result badInput = cli("investigate", "--text", "x", "--notify", "not-an-address");
        assertThat(badInput.exit()).isEqualTo(1);
        assertThat(badInput.err()).contains("notify[0]");

        Result badToken = run(List.of("--url", stack.gateway.baseUrl(), "--token", "wrong", "list"));
        assertThat(badToken.exit()).isEqualTo(4);
        assertThat(badToken.err()).contains("refused the token").doesNotContain("wrong");

        Result unreachable = run(List.of("--url", "http://127.0.0.1:" + FreePorts.next(), "list"));
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).contains("cannot reach the gateway");

        assertThat(cli("investigate", "--source", "nagios", "--file", Stack.fixture("generic.json").toString()).exit()).isEqualTo(1);
        assertThat(cli("list", "--bogus").exit()).as("wrong usage").isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : List.of(new String[] {"--help"}, new String[] {"investigate", "--help"},
                new String[] {"list", "--help"}, new String[] {"show", "--help"}, new String[] {"follow", "--help"},
                new String[] {"cancel", "--help"}, new String[] {"status", "--help"}, new String[] {"use", "--help"},
                new String[] {"notify", "--help"}, new String[] {"notify", "add", "--help"}, new String[] {"smtp", "verify", "--help"})) {
            Result help = run(List.of(command));
            assertThat(help.exit()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).contains("Usage:");
        }
    }

    private static String submit(String text) {
        Result result = cli("investigate", "--text", text);
        assertThat(result.exit()).as(result.err()).isZero();
        return result.out().trim();
    }

    private static Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", stack.gateway.baseUrl(), "--token", Stack.TOKEN));
        all.addAll(List.of(args));
        return run(all);
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Inquest.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
