package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Judges tokens and requests through the public {@link ApproovCheck} in one line, for tests that are about
 * tokens rather than HTTP: a token alone, a token and its binding value, or a whole signed request. Published
 * in the test-jar for the other modules' tests.
 */
public final class TestVerifier {

    private static final URI TARGET = URI.create("http://localhost/");

    private final ApproovCheck check;

    private TestVerifier(ApproovCheck check) {
        this.check = check;
    }

    /** A verifier for {@code config}. */
    public static TestVerifier create(ApproovConfig config) {
        return new TestVerifier(ApproovCheck.create(config));
    }

    /** The check behind it. */
    public ApproovCheck check() {
        return check;
    }

    /** The decision on a request whose token header has exactly the lines {@code tokenLines}. */
    public Verdict verify(List<String> tokenLines) {
        ApproovRequest.Builder request = request();
        tokenLines.forEach(line -> request.header(check.config().tokenHeaderName(), line));
        return new Verdict(check.decide(request.build(), ApproovRequirements.token()));
    }

    /** The decision on a request carrying {@code token} (none when null). */
    public Verdict verifyToken(String token) {
        return verify(token == null ? List.of() : List.of(token));
    }

    /**
     * The decision on a request carrying {@code token} and the binding header value {@code binding}, at an
     * endpoint bound to the first configured binding header.
     */
    public Verdict verifyToken(String token, String binding) {
        ApproovRequest.Builder request = request();
        if (token != null) {
            request.header(check.config().tokenHeaderName(), token);
        }
        String header = check.config().bindingHeaderNames().get(0);
        if (binding != null) {
            request.header(header, binding);
        }
        return new Verdict(check.decide(request.build(), ApproovRequirements.token().withBinding(header)));
    }

    /** The decision on {@code request} at an endpoint that requires message signatures. */
    public Verdict verifySigned(ApproovRequest request) {
        return new Verdict(check.decide(request, ApproovRequirements.token().withMessageSignature()));
    }

    private static ApproovRequest.Builder request() {
        return ApproovRequest.builder().method("GET").target(TARGET);
    }

    /**
     * A decision, read as a test wants it.
     *
     * @param decision the check's decision
     */
    public record Verdict(ApproovDecision decision) {
        /** Whether the request was accepted. */
        public boolean isAccepted() {
            return decision instanceof ApproovDecision.Accepted;
        }

        /** The claims of an accepted request. */
        public Optional<ApproovClaims> claims() {
            return decision instanceof ApproovDecision.Accepted accepted ? Optional.of(accepted.claims())
                    : Optional.empty();
        }

        /** Why the request was refused or let through; empty when accepted. */
        public Optional<ApproovFailure> failure() {
            if (decision instanceof ApproovDecision.Refused refused) {
                return Optional.of(refused.reason());
            }
            return decision instanceof ApproovDecision.LetThrough letThrough ? Optional.of(letThrough.reason())
                    : Optional.empty();
        }
    }
}
