package io.inquest.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The runtime class path of this module, written at build time by the Maven dependency plugin.
 * Child processes (the Kafka broker, the local stack) start from the same Maven Central jars
 * the build resolved, so no separate download or installation is needed.
 */
final class RuntimeClasspath {

    private static final String RESOURCE = "runtime-classpath.txt";

    private RuntimeClasspath() {
    }

    static String jars() {
        try (InputStream in = RuntimeClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build the embedded-infra module with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
    }
}
