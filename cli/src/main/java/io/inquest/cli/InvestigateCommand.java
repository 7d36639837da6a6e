package io.inquest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

/** Submits an alert (a file in one of the sources' formats) or a description, and optionally waits for or follows it. */
@Command(name = "investigate", mixinStandardHelpOptions = true,
        description = "Start an investigation from an alert file or a description; prints its id.")
final class InvestigateCommand implements Callable<Integer> {

    private static final Set<String> SOURCES = Set.of("generic", "alertmanager", "grafana", "pagerduty");

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--file", description = "An alert as JSON (see --source).")
        Path file;

        @Option(names = "--text", description = "What is wrong, in words.")
        String text;
    }

    @Option(names = "--source", defaultValue = "generic",
            description = "Format of --file: generic, alertmanager, grafana, pagerduty (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--service", description = "The affected service (with --text).")
    String service;

    @Option(names = "--notify", description = "Also email this address (repeatable).")
    List<String> notify = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Then then;

    static final class Then {
        @Option(names = "--wait", description = "Block until the investigation ends, then print its summary.")
        boolean await;

        @Option(names = "--follow", description = "Stream its progress until it ends.")
        boolean follow;
    }

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Session session = root.session();
        JsonNode accepted = what.text != null ? submitText(session) : submitFile(session);
        List<String> ids = new ArrayList<>();
        accepted.path("investigations").forEach(i -> ids.add(i.path("id").asText()));
        if (json && (then == null)) {
            Output.json(spec.commandLine().getOut(), accepted);
            return 0;
        }
        if (ids.isEmpty()) {
            spec.commandLine().getOut().println("accepted; nothing to investigate (no firing alert in it)");
            return 0;
        }
        for (String id : ids) {
            if (then != null && then.follow) {
                FollowCommand.follow(session, id, spec.commandLine().getOut(), json);
            } else if (then != null && then.await) {
                JsonNode done = ShowCommand.awaitEnd(session, id);
                if (json) {
                    Output.json(spec.commandLine().getOut(), done);
                } else {
                    Output.investigation(spec.commandLine().getOut(), done);
                }
            } else {
                spec.commandLine().getOut().println(id);
            }
        }
        return 0;
    }

    private JsonNode submitText(Session session) {
        ObjectNode body = GatewayClient.json().createObjectNode().put("text", what.text);
        if (service != null) {
            body.put("service", service);
        }
        addNotify(body);
        return session.gateway().post("/api/investigations", body.toString());
    }

    private JsonNode submitFile(Session session) {
        if (!SOURCES.contains(source)) {
            throw new CliException(CliException.INVALID, "--source must be one of " + String.join(", ", SOURCES.stream().sorted().toList()));
        }
        String content;
        try {
            content = Files.readString(what.file);
        } catch (IOException e) {
            throw new CliException(CliException.INVALID, "cannot read " + what.file + ": " + e.getMessage());
        }
        if (notify.isEmpty()) {
            return session.gateway().post("/webhooks/" + source, content);
        }
        if (!source.equals("generic")) {
            throw new CliException(CliException.INVALID, "--notify works with --text or a generic alert; for other sources use "
                    + "'inquest notify add' (subscriptions)");
        }
        try {
            ObjectNode alert = (ObjectNode) GatewayClient.json().readTree(content);
            addNotify(alert);
            return session.gateway().post("/webhooks/generic", alert.toString());
        } catch (IOException | ClassCastException e) {
            throw new CliException(CliException.INVALID, what.file + " is not a JSON object");
        }
    }

    private void addNotify(ObjectNode body) {
        if (!notify.isEmpty()) {
            ArrayNode addresses = body.has("notify") && body.get("notify").isArray() ? (ArrayNode) body.get("notify")
                    : body.putArray("notify");
            notify.forEach(addresses::add);
        }
    }
}
