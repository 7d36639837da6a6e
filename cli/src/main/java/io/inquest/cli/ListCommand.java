package io.inquest.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Investigations, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List investigations, newest first.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", description = "queued, running, completed, failed or cancelled.")
    String status;

    @Option(names = "--service", description = "Only this service.")
    String service;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        JsonNode page = root.session().gateway().get("/api/investigations?limit=" + limit + query("status", status)
                + query("service", service));
        if (json) {
            Output.json(spec.commandLine().getOut(), page);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        page.path("items").forEach(i -> rows.add(List.of(Output.text(i, "id"), Output.text(i, "status"), Output.text(i, "severity"),
                Output.text(i, "service"), Output.text(i, "createdAt"), Output.shorten(Output.text(i, "title"), 60))));
        Output.table(spec.commandLine().getOut(), List.of("ID", "STATUS", "SEVERITY", "SERVICE", "CREATED", "TITLE"), rows);
        return 0;
    }

    static String query(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
