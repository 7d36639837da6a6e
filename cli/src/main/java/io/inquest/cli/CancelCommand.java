package io.inquest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Cancels a queued or running investigation; a running one stops at its next step. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running investigation.")
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    Inquest root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", description = "Investigation id (default: the one 'inquest use' picked).")
    String id;

    @Override
    public Integer call() {
        Session session = root.session();
        String investigation = session.investigationId(id);
        session.gateway().post("/api/investigations/" + investigation + "/cancel", "");
        spec.commandLine().getOut().println(investigation + ": cancellation requested; it stops at its next step");
        return 0;
    }
}
