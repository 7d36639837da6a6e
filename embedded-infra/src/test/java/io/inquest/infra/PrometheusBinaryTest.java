package io.inquest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusBinaryTest {

    private static final String SYSTEM_TOOLS = System.getenv("PATH") + ":/usr/bin:/bin";

    @Test
    void binaryMissingFromThePathIsFetchedFromTheDebianPackageWithoutRoot(@TempDir Path cache) throws Exception {
        DebianPackages packages = new DebianPackages(cache, SYSTEM_TOOLS);

        Path promtool = PrometheusBinary.PROMTOOL.locate("", packages);

        assertThat(promtool).as("unpacked into the cache, not installed").startsWith(cache);
        Process version = new ProcessBuilder(promtool.toString(), "--version").redirectErrorStream(true).start();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("promtool, version");
        assertThat(version.waitFor()).isZero();
        assertThat(PrometheusBinary.PROMETHEUS.locate("", packages)).as("the same package holds prometheus")
                .startsWith(cache).isExecutable();
    }

    @Test
    void binaryOnThePathIsTakenFirst(@TempDir Path bin, @TempDir Path cache) throws Exception {
        Path alertmanager = Files.createFile(bin.resolve("alertmanager"));
        alertmanager.toFile().setExecutable(true);

        Path found = PrometheusBinary.ALERTMANAGER.locate(bin.toString(), new DebianPackages(cache, "/nowhere"));

        assertThat(found).isEqualTo(alertmanager);
    }

    @Test
    void withoutPathOrPackageToolsTheFailureSaysHowToInstall(@TempDir Path cache) {
        DebianPackages noApt = new DebianPackages(cache, "/nowhere");

        assertThatThrownBy(() -> PrometheusBinary.ALERTMANAGER.locate("/nowhere", noApt))
                .isInstanceOf(PrometheusBinary.MissingBinaryException.class)
                .hasMessageContaining("apt-get install prometheus prometheus-alertmanager")
                .hasMessageContaining("not on the PATH")
                .hasMessageContaining("apt-get is missing")
                .hasMessageContaining("no Docker fallback");
    }
}
