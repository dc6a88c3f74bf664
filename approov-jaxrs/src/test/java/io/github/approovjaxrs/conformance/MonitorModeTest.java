package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitor mode for the token, the binding and the signature: failures are heard and let through without claims. */
public class MonitorModeTest extends SignedRequests {

    public MonitorModeTest() {
        super(Scenario.MONITOR);
    }

    @Test
    void invalidTokenIsLoggedAndLetThroughWithoutClaims() {
        assertOk(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-5)).mint()), "no claims");
        assertEquals(List.of("rejected GET /methods/protected expired (monitor)"), events());
    }

    @Test
    void onABoundEndpointAFailedTokenLeavesTheBindingUnjudged() {
        assertOk(get("methods/bound", "Authorization", BEARER), "no claims");
        assertEquals(List.of("rejected GET /methods/bound missing_token (monitor)", "binding not checked GET /methods/bound"),
                events());
    }

    @Test
    void bindingMismatchIsLoggedAndLetThroughWithoutClaims() {
        assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", "Bearer other"), "no claims");
        assertEquals(List.of("rejected GET /methods/bound binding_mismatch (monitor)"), events());
    }

    @Test
    void aBindingToTwoHeadersThatFailsIsLoggedAndLetThroughWithoutClaims() {
        String both = TOKENS.boundTo(AttackMatrix.HARNESS_AUTHORIZATION, AttackMatrix.HARNESS_DIGEST).mint();
        assertOk(get("quickstart/token-double-binding", "Approov-Token", both, "Authorization", AttackMatrix.HARNESS_AUTHORIZATION),
                "no claims");
        assertOk(get("quickstart/token-double-binding", "Approov-Token", both, "Authorization", AttackMatrix.HARNESS_AUTHORIZATION,
                "Content-Digest", AttackMatrix.HARNESS_DIGEST), ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /quickstart/token-double-binding missing_binding_header (monitor)",
                "accepted GET /quickstart/token-double-binding"), events());
    }

    @Test
    void validRequestsStillGetClaims() {
        assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                ProtectionTest.BOUND_CLAIMS);
    }

    @Test
    void aBadSignatureIsLoggedAndLetThroughWithoutClaims() {
        assertOk(send("GET", "signed/items/1", "signed/items/2", null, token()), "no claims id:2");
        assertEquals(List.of("rejected GET /signed/items/2 bad_message_signature (monitor)"), events());
    }

    @Test
    void aFailedTokenLeavesTheSignatureUnjudged() {
        assertOk(RawHttp.get(uri("signed")), "no claims");
        assertEquals(List.of("rejected GET /signed missing_token (monitor)", "signature not checked GET /signed"), events());
    }

    @Test
    void aBodyOverTheLimitStillReachesTheResourceWhole() {
        assertOk(signed("POST", "signed", BODY), "no claims body:{\"hello\":\"world\"}");
        assertEquals(List.of("rejected POST /signed message_body_too_large (monitor)"), events());
    }

    @Test
    void aReplayIsLoggedAndLetThroughWithoutClaims() {
        byte[] body = {'1'};
        String[] order = signedHeaders("POST", "signed/orders", body, token());
        assertOk(RawHttp.send(uri("signed/orders"), "POST", body, order), SignedEndpointsTest.SIGNED_CLAIMS + " order:1");
        assertOk(RawHttp.send(uri("signed/orders"), "POST", body, order), "no claims order:1");
        assertEquals(List.of("accepted POST /signed/orders",
                "rejected POST /signed/orders replayed_message_signature (monitor)"), events());
    }

    @Test
    void validRequestsStillGetSignedClaims() {
        assertOk(signed("GET", "signed", null), SignedEndpointsTest.SIGNED_CLAIMS);
    }
}
