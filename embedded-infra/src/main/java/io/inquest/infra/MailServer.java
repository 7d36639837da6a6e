package io.inquest.infra;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that keeps what it receives, for tests and as the local
 * stack's fallback mail catcher. Plain SMTP, or implicit TLS (SMTPS) with GreenMail's
 * self-signed certificate.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;
    private final boolean implicitTls;

    private MailServer(int port, boolean implicitTls) {
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

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
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
