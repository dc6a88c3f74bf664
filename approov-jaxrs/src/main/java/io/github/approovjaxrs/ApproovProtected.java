package io.github.approovjaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a valid Approov token (rules T1–T10) on a resource method, on every method of a resource class,
 * or, placed on the JAX-RS {@code Application} / {@code ResourceConfig} subclass, on every resource of the
 * application (the JAX-RS global-binding rule).
 *
 * <p>Takes effect only where {@link ApproovFeature} is registered; the feature logs at start-up which
 * endpoints it protects. A request that fails gets 401 before the resource runs.
 *
 * <p>Inherited by subclasses: a proxy subclass that a container makes of an annotated class (Spring's
 * {@code @Configuration} {@code ResourceConfig}, a CDI proxy of a resource) stays annotated for the container's
 * own name binding as well as for the feature.
 */
@NameBinding
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApproovProtected {
}
