package io.inquest.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route the web console calls from the browser, which cannot put a token in an
 * {@code Authorization} header on a page load or an {@code EventSource}: when the request has no
 * such header, the token of the console's sign-in cookie ({@link ConsoleSession}) stands in for it,
 * with the same scopes. An action (any method but GET and HEAD) taken with the cookie must also
 * carry {@code HX-Request: true}, which htmx sends and a form or link of another site cannot.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ConsoleCookie {

    /**
     * A page or fragment of the console: a browser without a usable credential is sent to the
     * sign-in page, and a missing scope is said in HTML. {@code false} for an API route the console
     * also reads (the event stream), whose refusals stay problem+json.
     */
    boolean page() default true;
}
