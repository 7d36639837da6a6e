package io.inquest.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Subscription rules: who else gets the RCAs of which alerts. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Manage who else gets which RCAs (subscription rules).",
        subcommands = {NotifyCommand.ListRules.class, NotifyCommand.Add.class, NotifyCommand.Remove.class})
final class NotifyCommand {

    @ParentCommand
    Inquest root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the subscription rules.")
    static final class ListRules implements Callable<Integer> {
        @ParentCommand
        NotifyCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode rules = parent.root.session().gateway().get("/api/subscriptions");
            if (json) {
                Output.json(spec.commandLine().getOut(), rules);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rules.forEach(r -> rows.add(List.of(Output.text(r, "id"), Output.text(r, "name"), Output.text(r, "service"),
                    join(r.path("severities")), r.path("labels").toString(), join(r.path("addresses")))));
            Output.table(spec.commandLine().getOut(), List.of("ID", "NAME", "SERVICE", "SEVERITIES", "LABELS", "ADDRESSES"), rows);
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a rule: RCAs of matching alerts also go to these addresses.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        NotifyCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "What the rule is for.")
        String name;

        @Option(names = "--service", description = "Only alerts of this service.")
        String service;

        @Option(names = "--severity", description = "Only these severities (repeatable): critical, error, warning, info.")
        List<String> severities = new ArrayList<>();

        @Option(names = "--label", description = "Only alerts with this label (repeatable), as key=value.")
        List<String> labels = new ArrayList<>();

        @Parameters(arity = "1..*", description = "Addresses to send to.")
        List<String> addresses;

        @Override
        public Integer call() {
            ObjectNode rule = GatewayClient.json().createObjectNode().put("name", name);
            if (service != null) {
                rule.put("service", service);
            }
            severities.forEach(rule.putArray("severities")::add);
            ObjectNode labelNode = rule.putObject("labels");
            for (String label : labels) {
                int eq = label.indexOf('=');
                if (eq <= 0) {
                    throw new CliException(CliException.INVALID, "--label must be key=value, not '" + label + "'");
                }
                labelNode.put(label.substring(0, eq), label.substring(eq + 1));
            }
            addresses.forEach(rule.putArray("addresses")::add);
            JsonNode saved = parent.root.session().gateway().post("/api/subscriptions", rule.toString());
            spec.commandLine().getOut().println("subscription " + Output.text(saved, "id") + " added");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a rule by its id.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        NotifyCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(description = "Rule id (see 'inquest notify list').")
        long id;

        @Override
        public Integer call() {
            parent.root.session().gateway().delete("/api/subscriptions/" + id);
            spec.commandLine().getOut().println("subscription " + id + " removed");
            return 0;
        }
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? "-" : String.join(",", values);
    }
}
