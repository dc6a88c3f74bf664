package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.testing.ApproovTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every placement of the annotations on resources, token and binding checks, in the zero-configuration setup. */
public class ProtectionTest extends ScenarioTest {

    static final String CLAIMS = "claims:exp,iat,did,ip did=device-1";
    static final String BOUND_CLAIMS = "claims:exp,iat,did,ip,pay did=device-1";

    public ProtectionTest() {
        super(Scenario.ENFORCING);
    }

    @Test
    void unannotatedMethodStaysOpen() {
        assertOk(get("methods/open"), "no claims");
        assertOk(get("methods/open", "Approov-Token", "garbage"), "no claims");
        assertEquals(List.of(), events());
    }

    @Test
    void protectedMethodRefusesAMissingToken() {
        assertRefused(get("methods/protected"));
        assertEquals(List.of("rejected GET /methods/protected missing_token"), events());
    }

    @Test
    void protectedMethodAcceptsAValidTokenAndExposesItsClaims() {
        assertOk(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(60)).mint()), CLAIMS);
        assertEquals(List.of("accepted GET /methods/protected"), events());
    }

    @Test
    void headerNameIsCaseInsensitive() {
        assertOk(get("methods/protected", "approov-token", TOKENS.mint()), CLAIMS);
        assertOk(get("methods/protected", "APPROOV-TOKEN", TOKENS.mint()), CLAIMS);
    }

    @Test
    void protectedMethodRefusesExpiredForgedAndMalformedTokens() {
        assertRefused(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-1)).mint()));
        assertRefused(get("methods/protected", "Approov-Token",
                sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}", new byte[32])));
        assertRefused(get("methods/protected", "Approov-Token", "Bearer " + TOKENS.mint()));
        assertEquals(List.of("rejected GET /methods/protected expired", "rejected GET /methods/protected bad_signature",
                "rejected GET /methods/protected malformed_token"), events());
    }

    @Test
    void twoTokenHeaderLinesAreRefused() {
        String token = TOKENS.mint();
        assertRefused(get("methods/protected", "Approov-Token", token, "Approov-Token", token));
        assertEquals(List.of("rejected GET /methods/protected duplicate_token_header"), events());
    }

    @Test
    void tokenInTheQueryStringOrAuthorizationIsNotLookedAt() {
        String token = TOKENS.mint();
        assertRefused(get("methods/protected?Approov-Token=" + token));
        assertRefused(get("methods/protected", "Authorization", token));
        assertRefused(get("methods/protected", "Authorization", "Bearer " + token));
    }

    @Test
    void boundMethodAcceptsTheMatchingAuthorization() {
        assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), BOUND_CLAIMS);
        assertEquals(List.of("accepted GET /methods/bound"), events());
    }

    @Test
    void boundMethodRefusesEveryBindingFailure() {
        String token = TOKENS.boundTo(BEARER).mint();
        assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", "Bearer other"));
        assertRefused(get("methods/bound", "Approov-Token", token));
        assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", BEARER, "Authorization", BEARER));
        assertRefused(get("methods/bound", "Approov-Token", TOKENS.mint(), "Authorization", BEARER));
        assertRefused(get("methods/bound", "Authorization", BEARER));
        assertEquals(List.of("rejected GET /methods/bound binding_mismatch", "rejected GET /methods/bound missing_binding_header",
                "rejected GET /methods/bound duplicate_binding_header", "rejected GET /methods/bound missing_pay_claim",
                "rejected GET /methods/bound missing_token"), events());
    }

    @Test
    void bothAnnotationsOnOneMethodCheckOnceWithBinding() {
        assertOk(get("methods/both", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), BOUND_CLAIMS);
        assertRefused(get("methods/both", "Approov-Token", TOKENS.mint()));
        assertEquals(List.of("accepted GET /methods/both", "rejected GET /methods/both missing_binding_header"), events());
    }

    @Test
    void protectedClassCoversEveryMethod() {
        assertRefused(get("protected-class"));
        assertOk(get("protected-class", "Approov-Token", TOKENS.mint()), CLAIMS);
        assertEquals(List.of("rejected GET /protected-class missing_token", "accepted GET /protected-class"), events());
    }

    @Test
    void boundMethodInAProtectedClassChecksTheBindingOnce() {
        assertRefused(get("protected-class/bound", "Approov-Token", TOKENS.mint()));
        assertOk(get("protected-class/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /protected-class/bound missing_binding_header", "accepted GET /protected-class/bound"),
                events());
    }

    @Test
    void boundClassCoversEveryMethod() {
        assertRefused(get("bound-class", "Approov-Token", TOKENS.mint()));
        assertOk(get("bound-class", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /bound-class missing_binding_header", "accepted GET /bound-class"), events());
    }
}
