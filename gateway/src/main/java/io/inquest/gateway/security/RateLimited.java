package io.inquest.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route takes from its source's bucket ({@link SourceRateLimits}). The sources are a fixed
 * list, so the limiter keeps a fixed number of buckets whatever paths clients make up.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    Source value();

    /** Who sends: each webhook, operator submissions, and SMTP test emails (with a budget of their own). */
    enum Source {
        ALERTMANAGER("alertmanager"), GRAFANA("grafana"), PAGERDUTY("pagerduty"), GENERIC("generic"), CHANGES("changes"),
        API("api"), SMTP_TEST("smtp-test");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
