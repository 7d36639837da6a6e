package io.inquest.cli;

import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One investigation: root cause, top analysis, next steps, stats, notification results. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an investigation (the current one without an id).")
final class ShowCommand implements Callable<Integer> {

    private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", description = "Investigation id (default: the one 'inquest use' picked).")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Session session = root.session();
        JsonNode investigation = session.gateway().get("/api/investigations/" + session.investigationId(id));
        if (json) {
            Output.json(spec.commandLine().getOut(), investigation);
        } else {
            Output.investigation(spec.commandLine().getOut(), investigation);
        }
        return 0;
    }

    /** Polls until the investigation has ended (an unknown id may take a moment to appear after its 202). */
    static JsonNode awaitEnd(Session session, String id) {
        long deadline = System.nanoTime() + 10L * 60 * 1_000_000_000L;
        int notFound = 0;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode investigation = session.gateway().get("/api/investigations/" + id);
                if (ENDED.contains(investigation.path("status").asText())) {
                    return investigation;
                }
            } catch (CliException e) {
                if (e.exitCode() != CliException.NOT_FOUND || ++notFound > 20) {
                    throw e;
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(CliException.UNREACHABLE, "interrupted");
            }
        }
        throw new CliException(CliException.UNREACHABLE, id + " did not end within 10 minutes");
    }
}
