package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class of the suite: its scenario's server, from the runtime under test, driven over plain HTTP
 * ({@link RawHttp}), with the scenario's listener emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScenarioTest {

    static final String BEARER = "Bearer 0123456789abcdef";
    /** Approov-like tokens signed with the test secret, all with one device id so that the claims seen are predictable. */
    static final ApproovTokens.Builder TOKENS = TestSecret.TOKENS.deviceId("device-1");

    final Scenario scenario;
    RuntimeUnderTest.Server server;

    ScenarioTest(Scenario scenario) {
        this.scenario = scenario;
    }

    @BeforeAll
    void startTheScenario() {
        if (Servers.RUNTIME.cannotServe(scenario).isEmpty()) {
            server = Servers.of(scenario);
        }
    }

    /** Each test of a scenario the runtime cannot serve is skipped, with the runtime's reason. */
    @BeforeEach
    void forgetEarlierDecisions() {
        Servers.RUNTIME.cannotServe(scenario).ifPresent(reason -> Assumptions.abort(Servers.RUNTIME.name()
                + " cannot serve " + scenario + ": " + reason));
        events().clear();
        scenario.recorder().reports.clear();
    }

    /** What the scenario's listener heard since the test began. */
    List<String> events() {
        return scenario.recorder().events;
    }

    /** The absolute URI of {@code path} (no leading slash) on the scenario's server. */
    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    HttpResponse<String> get(String path, String... headers) {
        return RawHttp.get(uri(path), headers);
    }

    static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    static void assertOk(HttpResponse<String> response, String body) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(body, response.body());
    }
}
