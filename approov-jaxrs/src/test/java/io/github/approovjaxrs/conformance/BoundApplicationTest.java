package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovBound} on the {@code Application} subclass: every resource needs a bound token, and a method's own
 * {@code @ApproovProtected} neither weakens that nor makes the listener hear the request twice (the filter reads the
 * {@code Application}'s annotations, through a proxy subclass too).
 */
public class BoundApplicationTest extends ScenarioTest {

    public BoundApplicationTest() {
        super(Scenario.BOUND_APPLICATION);
    }

    @Test
    void everyResourceNeedsABoundToken() {
        assertRefused(get("methods/open", "Approov-Token", TOKENS.mint()));
        assertOk(get("methods/open", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /methods/open missing_binding_header", "accepted GET /methods/open"), events());
    }

    @Test
    void protectedMethodsAreBoundTooAndHeardOnce() {
        assertRefused(get("methods/protected", "Approov-Token", TOKENS.mint()));
        assertOk(get("methods/protected", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                ProtectionTest.BOUND_CLAIMS);
        assertEquals(List.of("rejected GET /methods/protected missing_binding_header", "accepted GET /methods/protected"),
                events());
    }
}
