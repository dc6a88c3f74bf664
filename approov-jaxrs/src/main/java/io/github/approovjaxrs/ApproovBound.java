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
 * <p>{@link #value()} names the headers of this endpoint's binding, as Approov's current quickstarts bind
 * {@code /token-double-binding} to two: each must be present exactly once and non-empty, and {@code pay} is
 * base64(SHA-256) of their values concatenated in the order named, with no separator:
 *
 * <pre>{@code
 * @GET
 * @Path("token-double-binding")
 * @ApproovBound({"Authorization", "Content-Digest"})
 * public String doubleBinding() { ... }
 * }</pre>
 *
 * <p>Without names the endpoint uses the configured binding headers ({@code APPROOV_TOKEN_BINDING_HEADER_NAME},
 * a comma-separated list), or a custom {@link ApproovBindingExtractor}. The most specific names win: a method's
 * over its class's, a class's over the {@code Application}'s. A name given twice, or one that is no HTTP
 * header name, stops start-up.
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

    /**
     * The headers the token is bound to, in order (matched case-insensitively); empty, the default: the
     * configured binding headers.
     *
     * @return the header names
     */
    String[] value() default {};
}
