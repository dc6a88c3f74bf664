package io.github.approovjaxrs.core;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link ApproovCheck#decide} concluded about one request: exactly one of
 *
 * <ul>
 *   <li>{@link Accepted}: the request passed every check its endpoint requires; hand the claims on;</li>
 *   <li>{@link Refused}: a check failed and its stage is enforced; answer {@link Refused#status()} with
 *       {@link Refused#headers()} and {@link Refused#body()}, and do not serve the request;</li>
 *   <li>{@link LetThrough}: a check failed in monitor mode; serve the request, without claims.</li>
 * </ul>
 *
 * <p>An adapter maps the decision and nothing else: the listeners and the log have already heard it.
 */
public sealed interface ApproovDecision {

    /**
     * The request passed every check its endpoint requires.
     *
     * @param claims the verified claims ({@link ApproovClaims#isMessageSigned()} when a signature was verified)
     */
    record Accepted(ApproovClaims claims) implements ApproovDecision {
        /** Requires the claims. */
        public Accepted {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /**
     * A check failed and its stage is enforced: the request must not reach the endpoint.
     *
     * @param reason the first rule that failed, for the log and metrics only: never tell the client
     */
    record Refused(ApproovFailure reason) implements ApproovDecision {

        private static final Map<String, String> UNAUTHORIZED_HEADERS = Map.of(
                "Content-Type", "application/json", "WWW-Authenticate", "Approov");
        private static final Map<String, String> OTHER_HEADERS = Map.of("Content-Type", "application/json");

        /** Requires the reason. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The status to answer: 401, or 413 when a signed body is larger than the configured limit (the
         * limit is the server's, and the client may retry with a smaller body).
         */
        public int status() {
            return reason == ApproovFailure.MESSAGE_BODY_TOO_LARGE ? 413 : 401;
        }

        /** The headers to answer with: {@code Content-Type: application/json}, and on a 401 {@code WWW-Authenticate: Approov}. */
        public Map<String, String> headers() {
            return status() == 401 ? UNAUTHORIZED_HEADERS : OTHER_HEADERS;
        }

        /** The body to answer with: {@code {}}, as Approov's walkthroughs; it never says why. */
        public String body() {
            return "{}";
        }
    }

    /**
     * A check failed, but its stage is in monitor mode: the request goes on, without claims. For a token that
     * failed, the binding and the message signature were not judged (no claim of the token is trusted).
     *
     * @param reason the first rule that failed
     */
    record LetThrough(ApproovFailure reason) implements ApproovDecision {
        /** Requires the reason. */
        public LetThrough {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
