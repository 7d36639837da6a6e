package io.inquest.gateway.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Rendered pages and fragments as responses, with the headers every console answer carries. */
final class Html {

    /** Only the gateway's own scripts and styles; the console is framed by nobody. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    private Html() {
    }

    static Uni<Response> ok(TemplateInstance template) {
        return status(200, template);
    }

    static Uni<Response> status(int status, TemplateInstance template) {
        return template.createUni().map(html -> response(status, html));
    }

    static Response response(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** A fragment that says what went wrong, with the status the API would answer. */
    static Response trouble(Trouble trouble) {
        return response(trouble.status(), ConsoleTemplates.trouble(trouble).render());
    }

    /** A whole page that says what went wrong. */
    static Response troublePage(Trouble trouble) {
        return response(trouble.status(), ConsoleTemplates.troublePage(trouble).render());
    }
}
