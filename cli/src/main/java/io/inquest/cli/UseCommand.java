package io.inquest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Remembers an investigation (and optionally the gateway and token) in the config file. */
@Command(name = "use", mixinStandardHelpOptions = true,
        description = "Make an investigation current, so show/follow/cancel work without an id; --save-url/--save-token store connection settings.")
final class UseCommand implements Callable<Integer> {

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", description = "Investigation id; it must exist.")
    String id;

    @Option(names = "--save-url", description = "Store this gateway URL in the config file.")
    String saveUrl;

    @Option(names = "--save-token", description = "Store this token in the config file (readable by you only, like ~/.netrc).")
    String saveToken;

    @Override
    public Integer call() {
        Session session = root.session();
        if (saveUrl != null) {
            session.config().set("url", saveUrl);
        }
        if (saveToken != null) {
            session.config().set("token", saveToken);
        }
        if (id != null) {
            String checked = session.investigationId(id);
            session.gateway().get("/api/investigations/" + checked);
            session.config().set("current", checked);
            spec.commandLine().getOut().println("current investigation: " + checked);
        } else if (saveUrl == null && saveToken == null) {
            String current = session.config().get("current");
            spec.commandLine().getOut().println(current == null ? "no current investigation" : "current investigation: " + current);
        }
        return 0;
    }
}
