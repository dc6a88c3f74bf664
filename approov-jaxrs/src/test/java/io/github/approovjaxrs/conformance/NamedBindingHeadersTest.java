package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovBound} naming the headers of one endpoint, as Approov's quickstarts bind {@code /token-double-binding}:
 * each named header once, non-empty, and {@code pay} over their values in the order named; a method's names over its
 * class's, and a class's over the configured header ({@code X-Configured} here). On every runtime the names must reach
 * the filter from the endpoint that carries them, whichever way the runtime registers the feature's
 * {@code DynamicFeature}.
 */
public class NamedBindingHeadersTest extends ScenarioTest {

    static final String AUTHORIZATION = AttackMatrix.HARNESS_AUTHORIZATION;
    static final String CONTENT_DIGEST = AttackMatrix.HARNESS_DIGEST;
    static final String DOUBLE = "quickstart/token-double-binding";

    public NamedBindingHeadersTest() {
        super(Scenario.NAMED_HEADERS);
    }

    @Test
    void theDoubleBoundEndpointAcceptsATokenBoundToBothValuesInOrder() {
        String token = TOKENS.boundTo(AUTHORIZATION, CONTENT_DIGEST).mint();
        assertOk(get(DOUBLE, "Approov-Token", token, "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST),
                ProtectionTest.BOUND_CLAIMS);
        assertOk(get("quickstart/protected-and-double-bound", "Approov-Token", token, "content-digest", CONTENT_DIGEST,
                "authorization", AUTHORIZATION), ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("accepted GET /" + DOUBLE, "accepted GET /quickstart/protected-and-double-bound"), events());
    }

    @Test
    void theDoubleBoundEndpointRefusesEveryVariantForItsReason() {
        String both = TOKENS.boundTo(AUTHORIZATION, CONTENT_DIGEST).mint();
        assertRefused(get(DOUBLE, "Approov-Token", both));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Content-Digest", CONTENT_DIGEST));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Authorization", AUTHORIZATION));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Authorization", AUTHORIZATION, "Content-Digest", ""));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Authorization", "BadAuthToken==", "Content-Digest", "BadContentDigest=="));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Authorization", CONTENT_DIGEST, "Content-Digest", AUTHORIZATION));
        assertRefused(get(DOUBLE, "Approov-Token", both, "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST,
                "Content-Digest", CONTENT_DIGEST));
        assertRefused(get(DOUBLE, "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization", AUTHORIZATION,
                "Content-Digest", CONTENT_DIGEST));
        assertRefused(get(DOUBLE, "Approov-Token", TOKENS.mint(), "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST));
        assertRefused(get(DOUBLE, "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST));
        assertEquals(List.of("missing_binding_header", "missing_binding_header", "missing_binding_header",
                "missing_binding_header", "binding_mismatch", "binding_mismatch", "duplicate_binding_header",
                "binding_mismatch", "missing_pay_claim", "missing_token"),
                events().stream().map(e -> e.replace("rejected GET /" + DOUBLE + " ", "")).toList());
    }

    @Test
    void aMethodNamingOneHeaderIgnoresTheConfiguredOne() {
        assertOk(get("quickstart/token-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                "Authorization", AUTHORIZATION), ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("quickstart/token-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                "X-Configured", AUTHORIZATION));
        assertEquals(List.of("accepted GET /quickstart/token-binding",
                "rejected GET /quickstart/token-binding missing_binding_header"), events());
    }

    @Test
    void aPlainBoundMethodReadsTheConfiguredHeaders() {
        assertOk(get("quickstart/configured", "Approov-Token", TOKENS.boundTo("v").mint(), "X-Configured", "v"),
                ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("quickstart/configured", "Approov-Token", TOKENS.boundTo("v").mint(), "Authorization", "v"));
        assertEquals(List.of("accepted GET /quickstart/configured",
                "rejected GET /quickstart/configured missing_binding_header"), events());
    }

    @Test
    void aClassNamingItsHeaderBindsItsMethodsUnlessAMethodNamesItsOwn() {
        String session = TOKENS.boundTo("s-1").mint();
        assertOk(get("session-class", "Approov-Token", session, "SessionId", "s-1"), ProtectionTest.BOUND_CLAIMS);
        assertOk(get("session-class/plain-bound", "Approov-Token", session, "SessionId", "s-1"), ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("session-class/plain-bound", "Approov-Token", session, "X-Configured", "s-1"));
        assertOk(get("session-class/own", "Approov-Token", TOKENS.boundTo(AUTHORIZATION, "s-1").mint(),
                "Authorization", AUTHORIZATION, "SessionId", "s-1"), ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("session-class/own", "Approov-Token", session, "SessionId", "s-1"));
        assertEquals(List.of("accepted GET /session-class", "accepted GET /session-class/plain-bound",
                "rejected GET /session-class/plain-bound missing_binding_header", "accepted GET /session-class/own",
                "rejected GET /session-class/own missing_binding_header"), events());
    }
}
