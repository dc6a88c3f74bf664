package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An {@code @ApproovBound} that names a header twice can bind nothing: on a resource method the runtime must not
 * start, saying where; on the {@code Application}, which the feature first sees with the first request, every
 * protected request is refused and the log says why once.
 */
public class HeaderNamedTwiceTest {

    @Test
    void aHeaderNamedTwiceOnAMethodStopsStartUp() {
        Scenario scenario = Scenario.HEADER_TWICE_ON_A_METHOD;
        skipIfTheRuntimeCannotServe(scenario);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Servers.of(scenario));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("@ApproovBound on " + Scenario.HeaderTwice.class.getName() + ".get"),
                messages.toString());
        assertTrue(messages.toString().contains("\"authorization\" twice"), messages.toString());
    }

    @Test
    void aHeaderNamedTwiceOnTheApplicationRefusesEveryProtectedRequestAndSaysSoOnce() {
        Scenario scenario = Scenario.HEADER_TWICE_ON_THE_APPLICATION;
        skipIfTheRuntimeCannotServe(scenario);
        RuntimeUnderTest.Server server = Servers.of(scenario);
        LogHygiene.Capture capture = new LogHygiene.Capture().start();
        List<String> lines;
        try {
            String token = ScenarioTest.TOKENS.boundTo("s").mint();
            for (String path : List.of("methods/open", "methods/protected", "methods/bound")) {
                ScenarioTest.assertRefused(RawHttp.get(server.baseUri().resolve(path), "Approov-Token", token, "SessionId", "s"));
            }
        } finally {
            lines = capture.stop();
        }
        List<String> errors = lines.stream().filter(line -> line.contains("@ApproovBound on ")).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("\"SESSIONID\" twice"), errors.get(0));
        assertTrue(errors.get(0).contains(" SEVERE ") || errors.get(0).contains(" ERROR "), errors.get(0));
    }

    private static void skipIfTheRuntimeCannotServe(Scenario scenario) {
        Servers.RUNTIME.cannotServe(scenario).ifPresent(reason -> Assumptions.abort(Servers.RUNTIME.name()
                + " cannot serve " + scenario + ": " + reason));
    }
}
