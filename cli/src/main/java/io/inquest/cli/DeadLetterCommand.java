package io.inquest.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What a consumer gave up on, and putting it back once the cause is fixed. Needs a token with {@code operate}. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "List and replay the dead-letter topics (needs 'operate').",
        subcommands = {DeadLetterCommand.ListRecords.class, DeadLetterCommand.Replay.class})
final class DeadLetterCommand {

    @ParentCommand
    Inquest root;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The newest records of each dead-letter topic, with why their consumer gave up.")
    static final class ListRecords implements Callable<Integer> {
        @ParentCommand
        DeadLetterCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--topic", description = "Only this dead-letter topic, e.g. inquest.investigation-requests.dlq.")
        String topic;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many per topic (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode report = parent.root.session().gateway().get("/api/dead-letters?limit=" + limit + ListCommand.query("topic", topic));
            if (json) {
                Output.json(spec.commandLine().getOut(), report);
                return 0;
            }
            var out = spec.commandLine().getOut();
            boolean first = true;
            for (JsonNode listing : report.path("topics")) {
                if (!first) {
                    out.println();
                }
                first = false;
                out.println(Output.text(listing, "topic") + ": " + listing.path("count").asLong() + " record(s)"
                        + (listing.path("records").size() < listing.path("count").asLong()
                                ? ", the newest " + listing.path("records").size() + " shown" : ""));
                if (listing.path("records").isEmpty()) {
                    continue;
                }
                List<List<String>> rows = new ArrayList<>();
                listing.path("records").forEach(r -> rows.add(List.of(r.path("partition").asText() + ":" + r.path("offset").asText(),
                        Output.text(r, "timestamp"), Output.text(r, "key"), Output.text(r, "ceType"),
                        Output.shorten(Output.text(r, "reason"), 80))));
                Output.table(out, List.of("RECORD", "AT", "KEY", "TYPE", "REASON"), rows);
            }
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publish records to the topic they came from, with their key, value and CloudEvents headers."
                    + " Consumers deduplicate by event id, so a replay may be repeated.")
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        DeadLetterCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--topic", required = true, description = "The dead-letter topic, e.g. inquest.investigation-requests.dlq.")
        String topic;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        static final class Selection {
            @Option(names = "--all", required = true, description = "Every record of the topic.")
            boolean all;

            @Option(names = "--record", required = true, paramLabel = "PARTITION:OFFSET",
                    description = "A record as 'dlq list' shows it; repeat for more.")
            List<String> records;
        }

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            ObjectNode body = GatewayClient.json().createObjectNode().put("topic", topic);
            if (selection.all) {
                body.put("all", true);
            } else {
                ArrayNode records = body.putArray("records");
                for (String record : selection.records) {
                    String[] parts = record.split(":");
                    try {
                        if (parts.length != 2) {
                            throw new NumberFormatException();
                        }
                        records.addObject().put("partition", Integer.parseInt(parts[0].trim()))
                                .put("offset", Long.parseLong(parts[1].trim()));
                    } catch (NumberFormatException e) {
                        throw new ParameterException(spec.commandLine(),
                                "--record takes PARTITION:OFFSET as 'inquest dlq list' shows it, e.g. 0:12, not '" + record + "'");
                    }
                }
            }
            JsonNode result = parent.root.session().gateway().post("/api/dead-letters/replay", body.toString());
            if (json) {
                Output.json(spec.commandLine().getOut(), result);
                return 0;
            }
            var out = spec.commandLine().getOut();
            out.println("replayed " + result.path("replayed").size() + " record(s) from " + Output.text(result, "topic") + " to "
                    + Output.text(result, "replayedTo"));
            result.path("replayed").forEach(r -> out.println("  " + r.path("partition").asText() + ":" + r.path("offset").asText()
                    + " -> " + r.path("toPartition").asText() + ":" + r.path("toOffset").asText() + "  key " + Output.text(r, "key")
                    + "  " + Output.text(r, "ceId")));
            return 0;
        }
    }
}
