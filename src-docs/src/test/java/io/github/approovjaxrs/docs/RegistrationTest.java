package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** Registering the feature from the environment, in code, with a clock skew, with an audience. */
class RegistrationTest {

    /** Runs {@code check} against a server for {@code application}, then stops it. */
    private static void serving(ResourceConfig application, java.util.function.Consumer<JerseyServer> check) {
        JerseyServer server = new JerseyServer(application).start();
        try {
            check.accept(server);
        } finally {
            server.stop();
        }
    }

    @Test
    void fromTheEnvironmentTheSecretComesFromTheApproovVariable() {
        serving(SystemProperties.withTestSecret(Registration::fromEnvironment), server -> {
            assertRefused(RawHttp.get(server.uri("shapes")));
            assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.mint()));
        });
    }

    @Test
    void inCodeAClockSkewOfThirtySecondsAcceptsATokenExpiredTenSecondsAgo() {
        serving(SystemProperties.withTestSecret(Registration::inCode), server -> {
            assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-10)).mint()));
            assertRefused(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
        });
    }

    @Test
    void codeWinsOverTheEnvironment() {
        ResourceConfig application = SystemProperties.with(Map.of(
                "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                "APPROOV_CLOCK_SKEW_SECONDS", "5"), Registration::inCode);
        serving(application, server ->
                assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-10)).mint())));
    }

    @Test
    void withoutASkewATokenExpiredTenSecondsAgoIsRefused() {
        serving(SystemProperties.withTestSecret(Registration::fromEnvironment), server ->
                assertRefused(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-10)).mint())));
    }

    @Test
    void anExpectedAudienceRefusesTokensForOtherAudiences() {
        ApproovConfig config = SystemProperties.withTestSecret(Registration::withAudience);
        assertEquals(Optional.of("shapes.example.com"), config.expectedAudience());
        assertEquals(Duration.ZERO, config.clockSkew());
        serving(new ResourceConfig(ShapesApi.class).register(ApproovFeature.create(config)), server -> {
            assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.claim("aud", "shapes.example.com").mint()));
            assertOk(RawHttp.get(server.uri("shapes"), "Approov-Token",
                    TOKENS.claimJson("aud", "[\"other.example.com\",\"shapes.example.com\"]").mint()));
            assertRefused(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.claim("aud", "other.example.com").mint()));
            assertRefused(RawHttp.get(server.uri("shapes"), "Approov-Token", TOKENS.mint()));
        });
    }
}
