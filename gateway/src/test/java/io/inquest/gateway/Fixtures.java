package io.inquest.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample payloads in the repository's fixtures/ folder. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String name) {
        try {
            return Files.readString(Path.of(System.getProperty("test.fixtures.dir", "../fixtures"), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
