package io.inquest.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A webhook whose sender brings its own credential in the request (Grafana's signature,
 * PagerDuty's routing key). When that credential is configured, the resource checks it and no
 * bearer token is needed; when it is not, the route needs a token like any other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OwnCredential {
    SourceCredentials.Source value();
}
