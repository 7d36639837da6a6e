package io.inquest.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumTest {

    @TempDir
    Path dir;

    @Test
    void browserAndDriverAreFoundOnThePath() throws Exception {
        executable("chromium-browser");
        executable("chromedriver");

        assertThat(Chromium.find(dir.toString()))
                .contains(new Chromium(dir.resolve("chromium-browser"), dir.resolve("chromedriver")));
    }

    @Test
    void aBrowserWithoutItsDriverIsNotEnough() throws Exception {
        executable("chromium");

        assertThat(Chromium.find(dir.toString())).isEmpty();
        assertThat(Chromium.missingReason()).contains(Chromium.INSTALL_COMMAND);
    }

    private void executable(String name) throws Exception {
        Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
