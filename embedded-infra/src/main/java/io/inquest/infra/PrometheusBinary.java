package io.inquest.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real Prometheus, promtool and Alertmanager executables for tests and the local stack,
 * found without any manual step where possible:
 * <ol>
 * <li>on the {@code PATH} (an installed package, or the upstream release binaries);</li>
 * <li>else from the distribution's package, fetched without root ({@code apt-get download} and
 * {@code dpkg-deb -x}) into a cache outside the repository ({@link DebianPackages});</li>
 * <li>else a {@link MissingBinaryException} that says how to install them. There is no
 * Testcontainers fallback: these machines have no Docker.</li>
 * </ol>
 * Debian names the Alertmanager binary {@code prometheus-alertmanager}; the upstream name
 * {@code alertmanager} is looked for first.
 */
public enum PrometheusBinary {

    PROMETHEUS("prometheus", List.of("prometheus")),
    PROMTOOL("prometheus", List.of("promtool")),
    ALERTMANAGER("prometheus-alertmanager", List.of("alertmanager", "prometheus-alertmanager"));

    private static final String INSTALL_HINT = "install them with `apt-get install prometheus prometheus-alertmanager`"
            + " (Debian/Ubuntu), or put the release binaries from https://prometheus.io/download/ on the PATH";

    private final String debianPackage;
    private final List<String> names;

    PrometheusBinary(String debianPackage, List<String> names) {
        this.debianPackage = debianPackage;
        this.names = names;
    }

    /** The Debian package that ships this binary. */
    public String debianPackage() {
        return debianPackage;
    }

    /** The executable: from the PATH, else from the package cache (downloading it once). */
    public Path path() {
        return locate(System.getenv("PATH"), DebianPackages.defaultCache());
    }

    /** The executable when it can be had, for callers that go on without it (the local stack). */
    public Optional<Path> find() {
        try {
            return Optional.of(path());
        } catch (MissingBinaryException unavailable) {
            return Optional.empty();
        }
    }

    /** {@link #path()} with the search path and the cache given, for tests. */
    Path locate(String searchPath, DebianPackages cache) {
        Optional<Path> onPath = onPath(searchPath);
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Optional<Path> cached = cache.cached(debianPackage).flatMap(this::inPackage);
        if (cached.isPresent()) {
            return cached.get();
        }
        String why;
        try {
            Path root = cache.fetch(debianPackage);
            Optional<Path> fetched = inPackage(root);
            if (fetched.isPresent()) {
                return fetched.get();
            }
            why = "the package " + debianPackage + " in " + root + " has no usr/bin/" + String.join(" or usr/bin/", names);
        } catch (DebianPackages.FetchFailedException e) {
            why = e.getMessage();
        }
        throw new MissingBinaryException(names.get(0) + " is not available: it is not on the PATH (looked for "
                + String.join(", ", names) + "), " + why + "; no Docker fallback is built in. To run the tests, " + INSTALL_HINT);
    }

    private Optional<Path> onPath(String searchPath) {
        if (searchPath == null || searchPath.isBlank()) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String name : names) {
            for (String dir : searchPath.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    private Optional<Path> inPackage(Path root) {
        return names.stream().map(name -> root.resolve("usr/bin").resolve(name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** No way to get a binary on this machine; the message says how to install it. */
    public static final class MissingBinaryException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        MissingBinaryException(String message) {
            super(message);
        }
    }
}
