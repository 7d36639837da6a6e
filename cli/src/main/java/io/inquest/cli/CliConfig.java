package io.inquest.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * {@code config.properties} in the user's config folder ({@code $INQUEST_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/inquest}, else {@code ~/.config/inquest}): the gateway URL, the token, and the
 * investigation {@code inquest use} made current.
 */
final class CliConfig {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final Properties values = new Properties();

    private CliConfig(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            } catch (IOException e) {
                throw new CliException(CliException.INVALID, "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    static CliConfig load() {
        String dir = System.getenv("INQUEST_CONFIG_DIR");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("inquest.config.dir");
        }
        if (dir == null || dir.isBlank()) {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            dir = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg))
                    .resolve("inquest").toString();
        }
        return new CliConfig(Path.of(dir).resolve("config.properties"));
    }

    String get(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Stores the value. The file holds the gateway token, so it is written like ~/.netrc: readable
     * by its owner only (0600, in a folder created 0700), through a new file moved into place, so
     * the token is never in a file others can read, not even for a moment.
     */
    void set(String key, String value) {
        values.setProperty(key, value);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (posix(dir.getParent())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path next = posix(dir)
                    ? Files.createTempFile(dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".config", ".tmp");
            try {
                try (Writer writer = Files.newBufferedWriter(next)) {
                    values.store(writer, "inquest CLI");
                }
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(next);
            }
        } catch (IOException e) {
            throw new CliException(CliException.INVALID, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Whether the file system has POSIX permissions (not on Windows, where the user's profile folder is private already). */
    private static boolean posix(Path near) {
        for (Path p = near; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
            }
        }
        return false;
    }

    Path file() {
        return file;
    }
}
