package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A configured list of binding headers ({@code APPROOV_TOKEN_BINDING_HEADER_NAME=Authorization,SessionId}): every
 * plain {@code @ApproovBound} endpoint binds them in the order configured; one that names its own keeps them.
 */
public class ConfiguredBindingHeadersTest extends ScenarioTest {

    static final String AUTHORIZATION = AttackMatrix.HARNESS_AUTHORIZATION;

    public ConfiguredBindingHeadersTest() {
        super(Scenario.CONFIGURED_HEADERS);
    }

    @Test
    void everyPlainBoundEndpointBindsTheConfiguredHeadersInOrder() {
        String token = TOKENS.boundTo(AUTHORIZATION, "123").mint();
        assertOk(get("methods/bound", "Approov-Token", token, "SessionId", "123", "Authorization", AUTHORIZATION),
                ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", AUTHORIZATION));
        assertRefused(get("methods/bound", "Approov-Token", TOKENS.boundTo("123", AUTHORIZATION).mint(),
                "Authorization", AUTHORIZATION, "SessionId", "123"));
        assertEquals(List.of("accepted GET /methods/bound", "rejected GET /methods/bound missing_binding_header",
                "rejected GET /methods/bound binding_mismatch"), events());
    }

    @Test
    void anEndpointThatNamesItsHeadersKeepsThem() {
        String both = TOKENS.boundTo(AUTHORIZATION, AttackMatrix.HARNESS_DIGEST).mint();
        assertOk(get("quickstart/token-double-binding", "Approov-Token", both, "Authorization", AUTHORIZATION,
                "Content-Digest", AttackMatrix.HARNESS_DIGEST), ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("quickstart/token-double-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION, "123").mint(),
                "Authorization", AUTHORIZATION, "SessionId", "123"));
        assertEquals(List.of("accepted GET /quickstart/token-double-binding",
                "rejected GET /quickstart/token-double-binding missing_binding_header"), events());
    }
}
