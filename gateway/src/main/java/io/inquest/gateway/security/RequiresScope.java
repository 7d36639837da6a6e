package io.inquest.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a route needs ({@link AccessFilter}). On a resource class it covers every method; a
 * method's own annotation wins. A route without one needs {@link Scope#ADMIN}: forgetting it
 * closes a route rather than opening it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    Scope value();
}
