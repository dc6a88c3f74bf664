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

        /**
         * The {@code Retry-After} of a {@code 503}, in seconds: a recovering store is asked again within a
         * second, and a full in-memory store frees entries as signatures expire.
         */
        private static final String RETRY_AFTER_SECONDS = "1";
        private static final Map<String, String> UNAUTHORIZED_HEADERS = Map.of(
                "Content-Type", "application/json", "WWW-Authenticate", "Approov");
        private static final Map<String, String> UNAVAILABLE_HEADERS = Map.of(
                "Content-Type", "application/json", "Retry-After", RETRY_AFTER_SECONDS);
        private static final Map<String, String> OTHER_HEADERS = Map.of("Content-Type", "application/json");

        /** Requires the reason. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The status to answer: 401; 413 when a signed body is larger than the configured limit (the limit is
         * the server's, and the client may retry with a smaller body); 503 when the store of single-use
         * requests could not answer ({@link ApproovFailure#REPLAY_STORE_UNAVAILABLE}: the request may be fine,
         * and is refused only because it cannot be proved new).
         */
        public int status() {
            return switch (reason) {
                case MESSAGE_BODY_TOO_LARGE -> 413;
                case REPLAY_STORE_UNAVAILABLE -> 503;
                default -> 401;
            };
        }

        /**
         * The headers to answer with: {@code Content-Type: application/json}; on a 401
         * {@code WWW-Authenticate: Approov}; on a 503 {@code Retry-After: 1}.
         */
        public Map<String, String> headers() {
            return switch (status()) {
                case 401 -> UNAUTHORIZED_HEADERS;
                case 503 -> UNAVAILABLE_HEADERS;
                default -> OTHER_HEADERS;
            };
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
