package io.inquest.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The system Chromium and its WebDriver for browser tests, found on the {@code PATH} only.
 * <p>
 * Unlike Prometheus, Chromium cannot be unpacked from its package without root and still run (it
 * needs dozens of shared libraries the package only declares), and no browser is downloaded by
 * the tests. A machine without it skips the browser tests, saying {@link #INSTALL_COMMAND}; that is
 * the only skip the test suite allows. {@code .ci/run} installs both packages, so CI never skips.
 *
 * @param browser the Chromium executable ({@code chromium}, else {@code chromium-browser})
 * @param driver the matching ChromeDriver ({@code chromedriver}, Debian package {@code chromium-driver})
 */
public record Chromium(Path browser, Path driver) {

    /** What installs both on Debian and Ubuntu (as root). */
    public static final String INSTALL_COMMAND = "apt-get install chromium chromium-driver";

    /** Chromium and its driver when both are on the PATH. */
    public static Optional<Chromium> find() {
        return find(System.getenv("PATH"));
    }

    /** {@link #find()} with the search path given, for tests. */
    static Optional<Chromium> find(String searchPath) {
        Optional<Path> browser = onPath(searchPath, "chromium").or(() -> onPath(searchPath, "chromium-browser"));
        Optional<Path> driver = onPath(searchPath, "chromedriver");
        return browser.flatMap(b -> driver.map(d -> new Chromium(b, d)));
    }

    /** Why browser tests are skipped here, with the command that makes them run. */
    public static String missingReason() {
        return "Chromium and ChromeDriver are not on the PATH (looked for chromium or chromium-browser, and chromedriver);"
                + " install them with `" + INSTALL_COMMAND + "` to run the browser tests";
    }

    private static Optional<Path> onPath(String searchPath, String name) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
