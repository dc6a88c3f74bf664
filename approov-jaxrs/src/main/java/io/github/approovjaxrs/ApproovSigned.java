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
 * {@link ApproovClaims#isMessageSigned()} and {@link ApproovClaims#verifiedMessageSignatures()}.
 *
 * <p>A signed request can be replayed within its validity window (by default the SDK's 15 seconds plus a
 * 60-second tolerance), unless the endpoint is single-use: {@code @ApproovSigned(singleUse = true)} accepts
 * each signed request once and refuses it after with {@code 401} (reason {@code replayed_message_signature}),
 * for an order or a payment. It is opt-in per endpoint, since Approov's SDK re-sends the same signature when
 * it retries a request quickly, and two identical requests signed in the same second sign the same base; see
 * the README's "Replay protection".
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

    /**
     * Whether each signed request is accepted only once: the check remembers a digest of the verifying key and
     * the signature base until the signature could no longer be accepted anyway, in memory or in the store
     * {@code APPROOV_REPLAY_STORE_URL} names (Redis, for a fleet). A request whose token carries no key to sign
     * with is refused, and one the store cannot judge in time gets {@code 503} with {@code Retry-After}. On a
     * class or the {@code Application}, it makes every method single-use; a method is single-use when its own
     * annotation or any that applies to it says so.
     */
    boolean singleUse() default false;
}
