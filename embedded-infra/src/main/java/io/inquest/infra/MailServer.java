package io.inquest.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that keeps what it receives, for tests and as the local
 * stack's fallback mail catcher. Plain SMTP, or implicit TLS (SMTPS) with a self-signed
 * certificate for 127.0.0.1/localhost that {@link #writeTrustStore} lets clients trust.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;
    private final boolean implicitTls;

    private static final String KEY_STORE_PASSWORD = "changeit";
    private static Path serverKeyStore;

    private MailServer(int port, boolean implicitTls) {
        if (implicitTls) {
            serverKeyStore();
        }
        this.port = port;
        this.implicitTls = implicitTls;
        ServerSetup setup = new ServerSetup(port, "127.0.0.1",
                implicitTls ? ServerSetup.PROTOCOL_SMTPS : ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        this.greenMail = new GreenMail(setup);
    }

    public static MailServer smtp(int port) {
        return new MailServer(port, false);
    }

    public static MailServer smtpOnFreePort() {
        return smtp(FreePorts.next());
    }

    public static MailServer smtpsOnFreePort() {
        return new MailServer(FreePorts.next(), true);
    }

    public MailServer start() {
        greenMail.start();
        return this;
    }

    public int port() {
        return port;
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    /** Requires SMTP AUTH with this user from now on. */
    public MailServer requireLogin(String user, String password) {
        greenMail.setUser(user, password);
        greenMail.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
        return this;
    }

    /**
     * The key store GreenMail's TLS uses in this JVM: a self-signed certificate made here for
     * {@code 127.0.0.1} and {@code localhost} (GreenMail's own names no host, and TLS clients that
     * check the server's name, like Vert.x's mail client, rightly refuse it).
     */
    private static synchronized Path serverKeyStore() {
        if (serverKeyStore == null) {
            try {
                Path file = Files.createTempDirectory("inquest-greenmail").resolve("server.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                        "-dname", "CN=localhost, O=Inquest tests", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                        "-storetype", "PKCS12", "-keystore", file.toString(),
                        "-storepass", KEY_STORE_PASSWORD, "-keypass", KEY_STORE_PASSWORD)
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool could not make GreenMail's certificate: " + output);
                }
                // Read by GreenMail when it first makes a TLS server socket in this JVM.
                System.setProperty("greenmail.tls.keystore.file", file.toString());
                System.setProperty("greenmail.tls.keystore.password", KEY_STORE_PASSWORD);
                System.setProperty("greenmail.tls.key.password", KEY_STORE_PASSWORD);
                serverKeyStore = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return serverKeyStore;
    }

    /** A PKCS12 trust store holding the certificate of GreenMail's TLS, for clients that verify it. */
    public static Path writeTrustStore(Path file, String password) {
        try (InputStream in = Files.newInputStream(serverKeyStore())) {
            KeyStore server = KeyStore.getInstance("PKCS12");
            server.load(in, KEY_STORE_PASSWORD.toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (String alias : Collections.list(server.aliases())) {
                Certificate certificate = server.getCertificate(alias);
                if (certificate != null) {
                    trust.setCertificateEntry(alias, certificate);
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                trust.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not write GreenMail's trust store to " + file, e);
        }
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /**
     * Every message in every mailbox with the time the server accepted it (one per recipient
     * mailbox, as SMTP delivered it), for counting and timing deliveries.
     */
    public List<Receipt> receipts() {
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .map(stored -> new Receipt(stored.getMimeMessage(), stored.getReceivedDate().toInstant()))
                .toList();
    }

    /** A message as the SMTP server stored it, and when it accepted it. */
    public record Receipt(MimeMessage message, Instant receivedAt) {

        public String messageId() {
            return header("Message-ID");
        }

        public String subject() {
            return header("Subject");
        }

        public String to() {
            return header("To");
        }

        private String header(String name) {
            try {
                return message.getHeader(name, ",");
            } catch (MessagingException e) {
                throw new IllegalStateException("unreadable header " + name, e);
            }
        }
    }

    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not purge the test mailboxes", e);
        }
    }

    public void stop() {
        greenMail.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
