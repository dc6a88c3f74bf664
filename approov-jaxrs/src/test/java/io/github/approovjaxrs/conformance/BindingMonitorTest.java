package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitor mode for the binding alone: token failures are still refused. */
public class BindingMonitorTest extends ScenarioTest {

    public BindingMonitorTest() {
        super(Scenario.BINDING_MONITOR);
    }

    @Test
    void tokenFailuresAreStillEnforced() {
        assertRefused(get("methods/bound", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-5)).mint(), "Authorization", BEARER));
        assertEquals(List.of("rejected GET /methods/bound expired"), events());
    }

    @Test
    void bindingFailuresGoOn() {
        assertOk(get("methods/bound", "Approov-Token", TOKENS.mint(), "Authorization", BEARER), "no claims");
        assertEquals(List.of("rejected GET /methods/bound missing_pay_claim (monitor)"), events());
    }
}
