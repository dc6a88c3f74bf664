package io.github.approovjaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a valid Approov token <em>bound</em> to the request: the token's {@code pay} claim must be
 * base64(SHA-256) of the binding header's whole value ({@code Authorization} by default; rules B1–B4).
 * Implies {@link ApproovProtected}: this one annotation is enough.
 *
 * <p>Binding ties the token to the user's session, so a token lifted from one session is useless with
 * another. Placed on the {@code Application} subclass it applies to every resource.
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
public @interface ApproovBound {
}
