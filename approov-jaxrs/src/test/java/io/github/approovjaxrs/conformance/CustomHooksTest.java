package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hooks: another token header, a custom failure response, a binding to a cookie, a listener that throws. */
public class CustomHooksTest extends ScenarioTest {

    public CustomHooksTest() {
        super(Scenario.CUSTOM_HOOKS);
    }

    @Test
    void customFailureResponseIsSent() {
        HttpResponse<String> response = get("methods/protected");
        assertEquals(403, response.statusCode());
        assertEquals("{\"error\":\"app not verified\"}", response.body());
        assertEquals(List.of("rejected GET /methods/protected missing_token"), events());
    }

    @Test
    void configuredTokenHeaderIsTheOnlyOneRead() {
        assertEquals(403, get("methods/protected", "Approov-Token", TOKENS.mint()).statusCode());
        assertOk(get("methods/protected", "X-App-Token", TOKENS.mint()), ProtectionTest.CLAIMS);
    }

    @Test
    void customBindingExtractorBindsToACookie() {
        assertOk(get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=s3ss10n"),
                ProtectionTest.BOUND_CLAIMS);
        assertEquals(403, get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=other").statusCode());
        assertEquals(403, get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Authorization", "s3ss10n").statusCode());
        assertEquals(List.of("accepted GET /cookie", "rejected GET /cookie binding_mismatch",
                "rejected GET /cookie missing_binding_header"), events());
    }

    @Test
    void anEndpointThatNamesItsBindingHeadersReadsThemNotTheCustomExtractor() {
        String both = TOKENS.boundTo(AttackMatrix.HARNESS_AUTHORIZATION, AttackMatrix.HARNESS_DIGEST).mint();
        assertOk(get("quickstart/token-double-binding", "X-App-Token", both, "Authorization", AttackMatrix.HARNESS_AUTHORIZATION,
                "Content-Digest", AttackMatrix.HARNESS_DIGEST), ProtectionTest.BOUND_CLAIMS);
        assertEquals(403, get("quickstart/token-double-binding", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(),
                "Cookie", "session=s3ss10n").statusCode());
        assertOk(get("quickstart/configured", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=s3ss10n"),
                ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("accepted GET /quickstart/token-double-binding",
                "rejected GET /quickstart/token-double-binding missing_binding_header", "accepted GET /quickstart/configured"),
                events());
    }

    @Test
    void throwingListenerDoesNotBreakTheRequest() {
        assertOk(get("methods/protected", "X-App-Token", TOKENS.mint()), ProtectionTest.CLAIMS);
        assertTrue(events().contains("accepted GET /methods/protected"), events().toString());
    }
}
