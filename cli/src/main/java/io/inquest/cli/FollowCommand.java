package io.inquest.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** An investigation's progress: its history, then live events until it ends. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Print an investigation's progress: what happened so far, then live until it ends.")
final class FollowCommand implements Callable<Integer> {

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", description = "Investigation id (default: the one 'inquest use' picked).")
    String id;

    @Option(names = "--json", description = "Print each event as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Session session = root.session();
        follow(session, session.investigationId(id), spec.commandLine().getOut(), json);
        return 0;
    }

    static void follow(Session session, String id, PrintWriter out, boolean json) {
        session.gateway().stream("/api/investigations/" + id + "/events", event -> {
            if ("error".equals(event.name())) {
                throw new CliException(CliException.NOT_FOUND, event.data().path("detail").asText("no such investigation"));
            }
            if (json) {
                out.println(event.data().toString());
            } else {
                out.println(line(event));
            }
            out.flush();
        });
    }

    private static String line(GatewayClient.SseEvent event) {
        var data = event.data().path("data");
        String detail = switch (String.valueOf(event.name())) {
            case "stage-started", "stage-completed" -> data.path("stage").asText();
            case "tool-called" -> data.path("tool").asText() + ": " + data.path("summary").asText(data.path("outcome").asText());
            case "completed" -> data.path("report").path("rootCause").asText();
            case "failed" -> data.path("reason").asText();
            default -> "";
        };
        return "%s  %-16s %s".formatted(event.data().path("time").asText(), event.name(), detail).stripTrailing();
    }
}
