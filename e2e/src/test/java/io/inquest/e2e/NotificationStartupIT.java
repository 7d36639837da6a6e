package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.inquest.infra.FreePorts;
import io.inquest.infra.ServiceProcess;

/** The packaged notification-service with a broken SMTP configuration, started as an operator would. */
class NotificationStartupIT {

    @Test
    void anInvalidSmtpSettingStopsTheServiceAtStartWithTheKeyAndTheRule() throws Exception {
        Path root = Path.of(System.getProperty("inquest.repo.root", "..")).toAbsolutePath().normalize();
        ServiceProcess notification = ServiceProcess.start(root, "notification-service", FreePorts.next(), Map.of(
                "SMTP_HOST", "mail.example.com",
                "SMTP_PORT", "70000",
                "SMTP_FROM_ADDRESS", "not-an-address",
                "SMTP_USERNAME", "inquest",
                "SMTP_PASSWORD", "s3cret-never-logged"));
        try {
            assertThat(notification.process().waitFor(2, TimeUnit.MINUTES)).as("the service exits by itself").isTrue();
            assertThat(notification.process().exitValue()).isNotZero();
            String log = Files.readString(notification.log());
            assertThat(log).contains("smtp.port (SMTP_PORT) must be between 1 and 65535",
                    "smtp.from-address (SMTP_FROM_ADDRESS) must be an email address");
            assertThat(log).doesNotContain("s3cret-never-logged");
        } finally {
            notification.close();
        }
    }
}
