package io.inquest.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Is email working? */
@Command(name = "smtp", mixinStandardHelpOptions = true, description = "Check the SMTP server, or send a test email.",
        subcommands = {SmtpCommand.Verify.class, SmtpCommand.Test.class})
final class SmtpCommand {

    @ParentCommand
    Inquest root;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Connect with the real settings (EHLO, STARTTLS, AUTH, NOOP); exit 1 when it fails.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        SmtpCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode check = parent.root.session().gateway().post("/api/smtp/verify", "");
            if (json) {
                Output.json(spec.commandLine().getOut(), check);
            } else {
                spec.commandLine().getOut().println(Output.text(check, "result") + ": " + Output.text(check, "server") + " ("
                        + Output.text(check, "security") + ")" + ("failed".equals(check.path("result").asText())
                                ? ": " + Output.text(check, "reason") : ""));
            }
            return "passed".equals(check.path("result").asText()) ? 0 : CliException.INVALID;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Send a test email through the real delivery pipeline.")
    static final class Test implements Callable<Integer> {
        @ParentCommand
        SmtpCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--to", description = "Recipient (default: SMTP_DEFAULT_TO of the notification-service).")
        String to;

        @Override
        public Integer call() {
            String body = to == null ? "{}" : GatewayClient.json().createObjectNode().put("to", to).toString();
            JsonNode queued = parent.root.session().gateway().post("/api/smtp/test", body);
            spec.commandLine().getOut().println("test email " + Output.text(queued, "id") + " queued for "
                    + queued.path("recipients").toString());
            return 0;
        }
    }
}
