package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovBound("X-Session")} on the {@code Application} subclass: every resource is bound to that header,
 * unless the resource names its own binding headers (a method's names over the Application's).
 */
public class SessionApplicationTest extends ScenarioTest {

    public SessionApplicationTest() {
        super(Scenario.SESSION_APPLICATION);
    }

    @Test
    void everyResourceIsBoundToTheApplicationsHeader() {
        String session = TOKENS.boundTo("s-9").mint();
        assertOk(get("methods/open", "Approov-Token", session, "X-Session", "s-9"), ProtectionTest.BOUND_CLAIMS);
        assertOk(get("methods/bound", "Approov-Token", session, "X-Session", "s-9"), ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("methods/bound", "Approov-Token", session, "Authorization", "s-9"));
        assertEquals(List.of("accepted GET /methods/open", "accepted GET /methods/bound",
                "rejected GET /methods/bound missing_binding_header"), events());
    }

    @Test
    void aMethodThatNamesItsHeadersKeepsThem() {
        assertOk(get("quickstart/token-double-binding", "Approov-Token",
                TOKENS.boundTo(AttackMatrix.HARNESS_AUTHORIZATION, AttackMatrix.HARNESS_DIGEST).mint(),
                "Authorization", AttackMatrix.HARNESS_AUTHORIZATION, "Content-Digest", AttackMatrix.HARNESS_DIGEST),
                ProtectionTest.BOUND_CLAIMS);
        assertRefused(get("quickstart/token-double-binding", "Approov-Token", TOKENS.boundTo("s-9").mint(), "X-Session", "s-9"));
        assertEquals(List.of("accepted GET /quickstart/token-double-binding",
                "rejected GET /quickstart/token-double-binding missing_binding_header"), events());
    }
}
