package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovClaims;
import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a valid Approov token and, when the token carries the app installation's public key
 * ({@code ipk}), a valid Approov installation message signature on the request: an RFC 9421 signature that
 * Approov's SDK makes with the installation's private key, which never leaves the device (rules M1–M14).
 * Implies {@link ApproovProtected}; composes with {@link ApproovBound} (token, then binding, then signature,
 * the token verified once).
 *
 * <p>The signature turns "a genuine app got this token" into "a genuine app sent this request": a token
 * lifted from traffic is useless without the device's key. With an account message-signing key configured
 * ({@code APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL}), a token without {@code ipk} that names an
 * account key ({@code mskid}) needs Approov's account signature instead (label {@code account},
 * {@code hmac-sha256}), and {@code APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE=true} requires it on
 * every request. A token with neither (Approov's fail-over tokens) passes as token-only unless
 * {@code APPROOV_MESSAGE_SIGNING_REQUIRE_IPK=true}; resources tell the cases apart with
 * {@link ApproovClaims#isMessageSigned()} and {@link ApproovClaims#verifiedMessageSignatures()}. A signed
 * request can be replayed within its validity window (seconds); see the README.
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
public @interface ApproovSigned {
}
