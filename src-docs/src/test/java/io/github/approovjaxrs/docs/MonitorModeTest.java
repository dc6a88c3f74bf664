package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.testing.TestTokens.bound;
import static io.github.approovjaxrs.testing.TestTokens.valid;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitor mode: failures are heard and logged, and every request goes on. */
class MonitorModeTest {

    final ApproovMetrics metrics = new ApproovMetrics();
    JerseyServer server;

    @BeforeEach
    void start() {
        ApproovConfig config = SystemProperties.withTestSecret(MonitorMode::config);
        server = new JerseyServer(new ResourceConfig(ShapesApi.class)
                .register(ApproovFeature.builder(config).listener(metrics).build())).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theConfigurationTurnsBothAbortSwitchesOff() {
        ApproovConfig config = SystemProperties.withTestSecret(MonitorMode::config);
        assertFalse(config.abortOnInvalidToken());
        assertFalse(config.abortOnInvalidBinding());
        assertTrue(config.loggingEnabled());
    }

    @Test
    void requestsWithoutAValidTokenGoOnAndAreCounted() {
        assertOk(RawHttp.get(server.uri("shapes")));
        assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", valid(-60, "")));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_TOKEN));
        assertEquals(1, metrics.rejected(ApproovFailure.EXPIRED));
    }

    @Test
    void anUnboundTokenGoesOnAndIsCounted() {
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", valid(), "Authorization", "Bearer x"));
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", bound("Bearer x"), "Authorization", "Bearer y"));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_PAY_CLAIM));
        assertEquals(1, metrics.rejected(ApproovFailure.BINDING_MISMATCH));
    }

    @Test
    void validRequestsAreStillAccepted() {
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", bound("Bearer x"), "Authorization", "Bearer x"));
        assertEquals(1, metrics.accepted());
    }

    @Test
    void theEnvironmentVariableTurnsItOnWithoutCode() {
        ApproovConfig config = SystemProperties.with(Map.of(
                "APPROOV_BASE64_SECRET", io.github.approovjaxrs.testing.TestTokens.SECRET_BASE64,
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false"), ApproovConfig::fromEnvironment);
        assertFalse(config.abortOnInvalidToken());
        assertTrue(config.abortOnInvalidBinding());
    }
}
