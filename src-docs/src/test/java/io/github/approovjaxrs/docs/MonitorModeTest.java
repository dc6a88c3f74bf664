package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import java.time.Duration;
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
        assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_TOKEN));
        assertEquals(1, metrics.rejected(ApproovFailure.EXPIRED));
    }

    @Test
    void anUnboundTokenGoesOnAndIsCounted() {
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", TOKENS.mint(), "Authorization", "Bearer x"));
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", TOKENS.boundTo("Bearer x").mint(), "Authorization", "Bearer y"));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_PAY_CLAIM));
        assertEquals(1, metrics.rejected(ApproovFailure.BINDING_MISMATCH));
    }

    @Test
    void validRequestsAreStillAccepted() {
        assertOk(RawHttp.get(server.uri("forms"), "Approov-Token", TOKENS.boundTo("Bearer x").mint(), "Authorization", "Bearer x"));
        assertEquals(1, metrics.accepted());
    }

    @Test
    void theEnvironmentVariableTurnsItOnWithoutCode() {
        ApproovConfig config = SystemProperties.with(Map.of(
                "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false"), ApproovConfig::fromEnvironment);
        assertFalse(config.abortOnInvalidToken());
        assertTrue(config.abortOnInvalidBinding());
    }
}
