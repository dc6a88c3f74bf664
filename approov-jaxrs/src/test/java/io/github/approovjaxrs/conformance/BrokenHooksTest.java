package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hooks that throw or return null: the request fails closed with the default 401, never a 500. */
public class BrokenHooksTest extends ScenarioTest {

    public BrokenHooksTest() {
        super(Scenario.BROKEN_HOOKS);
    }

    @Test
    void throwingResponderFallsBackToTheDefault401() {
        assertRefused(get("methods/protected"));
    }

    @Test
    void nullResponseFallsBackToTheDefault401() {
        assertRefused(get("methods/protected", "Approov-Token", "x.y.z"));
    }

    @Test
    void throwingExtractorFailsClosed() {
        assertRefused(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER));
        assertEquals(List.of("rejected GET /methods/bound verification_error"), events());
    }
}
