package io.inquest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file holds the gateway token: only its owner may read it, like ~/.netrc. */
class CliConfigTest {

    @TempDir
    Path home;

    @AfterEach
    void forgetTheFolder() {
        System.clearProperty("inquest.config.dir");
    }

    private CliConfig configIn(Path dir) {
        System.setProperty("inquest.config.dir", dir.toString());
        return CliConfig.load();
    }

    @Test
    void aSavedTokenIsInAFileOnlyItsOwnerCanReadInAFolderOnlyItsOwnerCanOpen() throws Exception {
        Path dir = home.resolve("inquest");
        CliConfig config = configIn(dir);

        config.set("token", "a-secret-token");

        assertThat(Files.readString(config.file())).contains("a-secret-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void anExistingReadableFileIsClosedToOthersWhenWritten() throws Exception {
        Path dir = Files.createDirectories(home.resolve("existing"));
        Path file = Files.writeString(dir.resolve("config.properties"), "url=http://localhost:8080\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CliConfig config = configIn(dir);

        config.set("token", "another-secret");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("url=http", "token=another-secret");
    }
}
