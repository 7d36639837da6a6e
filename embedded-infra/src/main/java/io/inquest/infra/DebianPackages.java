package io.inquest.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian packages unpacked without root into a cache outside the repository
 * ({@code $INQUEST_CACHE_DIR/debs}, else {@code $XDG_CACHE_HOME/inquest/debs}, else
 * {@code ~/.cache/inquest/debs}): {@code apt-get download} as any user, then
 * {@code dpkg-deb -x}. Nothing is installed and no maintainer script runs. A lock file keeps
 * builds running at the same time (other modules, other checkouts) from unpacking twice.
 */
final class DebianPackages {

    private static final String COMPLETE = ".inquest-complete";
    private static final Object JVM_LOCK = new Object();

    private final Path cache;
    /** Where {@code apt-get} and {@code dpkg-deb} are looked for. */
    private final String toolPath;

    DebianPackages(Path cache, String toolPath) {
        this.cache = cache;
        this.toolPath = toolPath;
    }

    static DebianPackages defaultCache() {
        String explicit = System.getenv("INQUEST_CACHE_DIR");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "inquest")
                : Path.of(System.getProperty("user.home"), ".cache", "inquest");
        String path = System.getenv("PATH");
        return new DebianPackages(base.resolve("debs"), (path == null ? "" : path + ":") + "/usr/bin:/bin");
    }

    Path folder() {
        return cache;
    }

    /** The unpacked package's root folder (holding {@code usr/bin}), when it was fetched before. */
    Optional<Path> cached(String pkg) {
        Path root = cache.resolve(pkg);
        return Files.isRegularFile(root.resolve(COMPLETE)) ? Optional.of(root) : Optional.empty();
    }

    /** Downloads and unpacks {@code pkg} unless it is in the cache; returns its root folder. */
    Path fetch(String pkg) throws FetchFailedException {
        if (!pkg.matches("[a-z0-9][a-z0-9.+-]*")) {
            throw new IllegalArgumentException("not a Debian package name: " + pkg);
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(cache);
                try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    Optional<Path> done = cached(pkg);
                    return done.isPresent() ? done.get() : downloadAndUnpack(pkg);
                }
            } catch (IOException e) {
                throw new FetchFailedException("fetching the package " + pkg + " into " + cache + " failed: " + e, e);
            }
        }
    }

    private Path downloadAndUnpack(String pkg) throws IOException, FetchFailedException {
        String aptGet = executable("apt-get");
        String dpkgDeb = executable("dpkg-deb");
        Path work = Files.createTempDirectory(cache, ".download-" + pkg + "-");
        try {
            run(List.of(aptGet, "download", pkg), work, "`apt-get download " + pkg + "`",
                    " (if apt-get cannot locate it, the package lists may be missing: `apt-get update`)");
            Path deb;
            try (Stream<Path> files = Files.list(work)) {
                deb = files.filter(f -> f.getFileName().toString().startsWith(pkg + "_")
                        && f.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new FetchFailedException("`apt-get download " + pkg + "` left no .deb in " + work, null));
            }
            Path unpacked = work.resolve("root");
            run(List.of(dpkgDeb, "-x", deb.toString(), unpacked.toString()), work, "`dpkg-deb -x " + deb.getFileName() + "`", "");
            Files.writeString(unpacked.resolve(COMPLETE), deb.getFileName() + "\n");
            Path root = cache.resolve(pkg);
            DataFolders.remove(root);
            Files.move(unpacked, root, StandardCopyOption.ATOMIC_MOVE);
            return root;
        } finally {
            DataFolders.remove(work);
        }
    }

    private static void run(List<String> command, Path dir, String what, String hint) throws IOException, FetchFailedException {
        Path output = dir.resolve("output.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new FetchFailedException(what + " did not finish within 10 minutes", null);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FetchFailedException(what + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new FetchFailedException(what + " failed with exit code " + process.exitValue() + hint + ": "
                    + lastLines(output), null);
        }
    }

    private static String lastLines(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output).stream().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private String executable(String name) throws FetchFailedException {
        for (String dir : toolPath.split(":")) {
            Path candidate = Path.of(dir.isBlank() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new FetchFailedException("this is not a Debian-based machine (" + name + " is missing), so the package"
                + " cannot be fetched without root", null);
    }

    /** The package could not be had this way; the message says why. */
    static final class FetchFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        FetchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
