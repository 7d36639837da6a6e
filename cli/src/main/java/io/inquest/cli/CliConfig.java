package io.inquest.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code config.properties} in the user's config folder ({@code $INQUEST_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/inquest}, else {@code ~/.config/inquest}): the gateway URL, the token, and the
 * investigation {@code inquest use} made current.
 */
final class CliConfig {

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

    void set(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, "inquest CLI");
            }
        } catch (IOException e) {
            throw new CliException(CliException.INVALID, "cannot write " + file + ": " + e.getMessage());
        }
    }

    Path file() {
        return file;
    }
}
