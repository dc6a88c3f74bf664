package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @ApproovProtected} on the {@code Application} subclass: a global binding that covers every resource. */
public class ProtectedApplicationTest extends ScenarioTest {

    public ProtectedApplicationTest() {
        super(Scenario.PROTECTED_APPLICATION);
    }

    @Test
    void everyResourceNeedsAToken() {
        assertRefused(get("methods/open"));
        assertOk(get("methods/open", "Approov-Token", TOKENS.mint()), ProtectionTest.CLAIMS);
        assertEquals(List.of("rejected GET /methods/open missing_token", "accepted GET /methods/open"), events());
    }

    @Test
    void boundMethodsStillCheckTheBindingOnce() {
        assertRefused(get("methods/bound", "Approov-Token", TOKENS.mint()));
        assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /methods/bound missing_binding_header", "accepted GET /methods/bound"), events());
    }
}
