package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the client's Approov SDK reports beside the token, {@code Approov-Status} and a trace id (here in
 * {@code X-Trace}, as configured), reaches listeners only as the core made it safe: a known status in lower case
 * (else {@code unknown}), a short trace id of safe characters (else none), and nothing from a header not configured.
 */
public class ClientReportHeadersTest extends ScenarioTest {

    public ClientReportHeadersTest() {
        super(Scenario.CLIENT_REPORT);
    }

    @Test
    void listenersHearTheSdksStatusAndTraceAsTheCoreMadeThemSafe() {
        assertRefused(get("methods/protected", "Approov-Status", "no_network", "X-Trace", AttackMatrix.SAFE_TRACE_ID));
        assertRefused(get("methods/protected", "Approov-Token", "", "Approov-Status", "NO_APPROOV_SERVICE"));
        assertRefused(get("methods/protected", "Approov-Status", TOKENS.mint(), "X-Trace", TOKENS.mint()));
        assertRefused(get("methods/protected", "Approov-Status", "success", "Approov-TraceID", "ignored-name"));
        assertRefused(get("methods/protected"));
        assertEquals(List.of("missing_token status=no_network trace=" + AttackMatrix.SAFE_TRACE_ID,
                "missing_token status=no_approov_service trace=-",
                "missing_token status=unknown trace=-",
                "missing_token status=success trace=-",
                "missing_token status=- trace=-"), scenario.recorder().reports);
    }
}
