package io.inquest.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** How many investigations are in each state, and whether email works. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Counts of investigations by status, and whether SMTP is configured and reachable.")
final class StatusCommand implements Callable<Integer> {

    static final List<String> STATUSES = List.of("queued", "running", "completed", "failed", "cancelled");
    private static final int PAGE = 200;

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        GatewayClient gateway = root.session().gateway();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String status : STATUSES) {
            counts.put(status, count(gateway, status));
        }
        JsonNode smtp = gateway.post("/api/smtp/verify", "");
        if (json) {
            ObjectNode answer = GatewayClient.json().createObjectNode();
            counts.forEach(answer.putObject("investigations")::put);
            answer.set("smtp", smtp);
            Output.json(spec.commandLine().getOut(), answer);
            return 0;
        }
        counts.forEach((status, count) -> spec.commandLine().getOut().printf("%-10s %d%n", status, count));
        spec.commandLine().getOut().println("smtp       " + Output.text(smtp, "result") + " (" + Output.text(smtp, "server") + ", "
                + Output.text(smtp, "security") + ")" + ("failed".equals(smtp.path("result").asText())
                        ? ": " + Output.text(smtp, "reason") : ""));
        return 0;
    }

    private static int count(GatewayClient gateway, String status) {
        int total = 0;
        String cursor = null;
        do {
            JsonNode page = gateway.get("/api/investigations?limit=" + PAGE + "&status=" + status
                    + ListCommand.query("cursor", cursor));
            total += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return total;
    }
}
