package io.inquest.bench;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.inquest.bench.rca.ScenarioCheck;
import io.inquest.bench.rca.ScenarioSuite;

/**
 * {@code bench/run rca [--check] [--verbose] [--time-limit SECONDS] [DIR...]}: the RCA scenario
 * suite (default: the project's {@code scenarios/}), see {@link ScenarioSuite}; with
 * {@code --check} only reads the scenarios ({@link ScenarioCheck}). Exits 1 when any scenario
 * failed, 2 on wrong usage.
 */
public final class RcaBenchmark {

    private RcaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("inquest.root", ".")).toAbsolutePath().normalize();
        // bench/run changes to the repository; a relative DIR is meant from where it was called.
        Path caller = Path.of(System.getProperty("inquest.cwd", ".")).toAbsolutePath();
        boolean verbose = false;
        boolean check = false;
        Duration timeLimit = Duration.ofMinutes(3);
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--verbose", "-v" -> verbose = true;
                case "--check" -> check = true;
                case "--time-limit" -> {
                    if (i + 1 == args.length || !args[i + 1].matches("\\d+")) {
                        usage("--time-limit takes seconds");
                    }
                    timeLimit = Duration.ofSeconds(Long.parseLong(args[++i]));
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        usage("unknown option " + args[i]);
                    }
                    dirs.add(caller.resolve(args[i]).normalize());
                }
            }
        }
        if (dirs.isEmpty()) {
            dirs.add(root.resolve("scenarios"));
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                usage(dir + " is not a folder");
            }
        }
        try {
            if (check) {
                System.exit(ScenarioCheck.run(root, dirs, System.out));
            }
            System.exit(ScenarioSuite.run(new ScenarioSuite.Settings(root, dirs, verbose, timeLimit,
                    root.resolve("bench/target/rca-results.md"), Machine.describe()), System.out));
        } catch (IllegalStateException | UncheckedIOException e) {
            // A server that cannot start (no Prometheus binary, a port taken): the message says what to do.
            System.err.println("rca: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: bench/run rca [--check] [--verbose] [--time-limit SECONDS] [DIR...]");
        System.exit(2);
    }
}
