package io.inquest.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.inquest.infra.Chromium;
import io.inquest.infra.quarkus.KafkaResource;
import io.inquest.infra.quarkus.PostgresResource;
import io.inquest.infra.quarkus.SmtpResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The HTML email of a completed change-category RCA opened in the real Chromium: what its DOM holds
 * once a browser parsed it, and what a screenshot of it shows. The screenshot is left in
 * {@code target/email-rca.png}; {@code docs/images/email-rca.png} is a copy of it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(value = SmtpResource.class, restrictToAnnotatedClass = true)
class RcaEmailInChromiumTest {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 1140;
    /** The "View in console" button's fill. */
    private static final int BUTTON_RGB = 0x1f6feb;

    @Inject
    RcaEmails emails;

    @TempDir
    Path work;

    private Chromium chromium;
    private Path email;

    @BeforeEach
    void renderTheEmail() throws IOException {
        chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, Chromium.missingReason());
        email = work.resolve("email.html");
        Files.writeString(email, emails.completed(RcaSamples.completed("change")).html(), StandardCharsets.UTF_8);
    }

    @Test
    void chromiumParsesTheBadgesTheFindingsAndARealConsoleLink() throws Exception {
        String dom = run("--dump-dom", email.toUri().toString());

        assertThat(dom).as("the DOM Chromium built from the email")
                .contains("<a id=\"console-button\" href=\"http://localhost:8080/investigations/" + RcaSamples.ID + "\"")
                .contains(">View in console</a>")
                .contains(">RCA complete</span>", ">Change</span>", ">CRITICAL</span>")
                .contains("<a href=\"" + RcaSamples.RUNBOOK + "\"")
                .containsSubsequence("id=\"findings\"", "class=\"finding\"", ">kubernetes-4</span>", "class=\"finding\"",
                        "class=\"finding\"", ">prometheus-5</span>")
                .doesNotContain("<script");
    }

    @Test
    void screenshotIsAPngOfTheWindowWithTheConsoleButtonDrawn() throws Exception {
        Path png = Path.of("target", "email-rca.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);

        run("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, email.toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        assertThat(pixelsOf(image, BUTTON_RGB)).as("pixels of the console button's blue").isGreaterThan(1_000);
    }

    private static int pixelsOf(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Headless Chromium with a profile of its own; bounded in time, its output returned. */
    private String run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.browser().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(arguments));
        Path out = work.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(work.resolve("chromium.err").toFile()).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("chromium's exit code; stderr: %s", Files.readString(work.resolve("chromium.err")))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
