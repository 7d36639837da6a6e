package io.inquest.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code inquest}: background root-cause investigations from the terminal, against the gateway's
 * public API. Exit codes: 0 done, 1 invalid input, 2 wrong usage, 3 gateway unreachable or
 * failing, 4 token refused, 5 no such investigation.
 */
@Command(name = "inquest", mixinStandardHelpOptions = true, version = "inquest 0.1.0",
        description = "Background root-cause investigations of production alerts.",
        subcommands = {InvestigateCommand.class, ListCommand.class, ShowCommand.class, FollowCommand.class,
                CancelCommand.class, StatusCommand.class, UseCommand.class, NotifyCommand.class, SmtpCommand.class,
                DeadLetterCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 invalid input, 2 wrong usage, 3 gateway unreachable, 4 token refused, 5 not found.",
                "Gateway URL and token: --url/--token, INQUEST_URL/INQUEST_TOKEN, or the config file (see 'inquest use')."})
public final class Inquest {

    @Option(names = "--url", scope = ScopeType.INHERIT, description = "Gateway URL (default: INQUEST_URL, the config file, or http://localhost:8080).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, description = "Bearer token (default: INQUEST_TOKEN or the config file).")
    String token;

    /** Runs the CLI with the given output streams; answers the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Inquest());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                commandLine.getErr().println("inquest: " + failure.getMessage());
                return failure.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    Session session() {
        CliConfig config = CliConfig.load();
        String resolvedUrl = first(url, System.getenv("INQUEST_URL"), config.get("url"), "http://localhost:8080");
        String resolvedToken = first(token, System.getenv("INQUEST_TOKEN"), config.get("token"), null);
        return new Session(new GatewayClient(resolvedUrl, resolvedToken), config);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
