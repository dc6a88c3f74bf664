package io.github.approovjaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.testing.ApproovTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import java.net.http.HttpResponse;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The feature's own surface: its configuration errors, the claims accessor, and the Jersey conveniences (a
 * {@code ResourceConfig} subclass with a global binding, a feature registered by class, claims read through
 * {@code @Context ContainerRequestContext} in a resource). Every runtime's behaviour over HTTP is the conformance
 * suite's, in {@code io.github.approovjaxrs.conformance}.
 */
class ApproovFeatureTest {

    static final String BEARER = "Bearer 0123456789abcdef";
    static final ApproovTokens.Builder TOKENS = TestSecret.TOKENS.deviceId("device-1");

    @Path("claims")
    public static class ClaimsResource {
        @GET
        @ApproovProtected
        public String get(@Context ContainerRequestContext request) {
            return ApproovFeature.claims(request).flatMap(ApproovClaims::deviceId).orElse("none");
        }

        @GET
        @Path("open")
        public String open(@Context ContainerRequestContext request) {
            return ApproovFeature.claims(request).flatMap(ApproovClaims::deviceId).orElse("none");
        }
    }

    /** A {@code ResourceConfig} subclass, as Jersey applications are usually written, with a global binding. */
    @ApproovBound
    public static class BoundResourceConfig extends ResourceConfig {
        BoundResourceConfig() {
            register(ClaimsResource.class);
            register(ApproovFeature.create(ApproovConfig.builder().secret(TestSecret.SECRET).loggingEnabled(false).build()));
        }
    }

    @Test
    void aGlobalBindingOnAResourceConfigSubclassCoversEveryResourceAndTheResourceReadsTheClaims() {
        JerseyServer server = new JerseyServer(new BoundResourceConfig()).start();
        try {
            assertEquals(401, RawHttp.get(server.uri("claims/open"), "Approov-Token", TOKENS.mint()).statusCode());
            HttpResponse<String> bound = RawHttp.get(server.uri("claims/open"), "Approov-Token", TOKENS.boundTo(BEARER).mint(),
                    "Authorization", BEARER);
            assertEquals(200, bound.statusCode(), bound.body());
            assertEquals("device-1", bound.body());
        } finally {
            server.stop();
        }
    }

    @Test
    void theFeatureRegisteredByClassIsConfiguredFromTheEnvironment() throws Exception {
        JerseyServer server = TestSecret.inTheEnvironment(
                () -> new JerseyServer(new ResourceConfig(ClaimsResource.class, ApproovFeature.class)).start());
        try {
            assertEquals(401, RawHttp.get(server.uri("claims")).statusCode());
            assertEquals("device-1", RawHttp.get(server.uri("claims"), "Approov-Token", TOKENS.mint()).body());
            assertEquals("none", RawHttp.get(server.uri("claims/open"), "Approov-Token", TOKENS.mint()).body());
        } finally {
            server.stop();
        }
    }

    @Test
    void theNoArgumentConstructorRefusesAMissingSecretNamingTheVariable() {
        String previous = System.clearProperty("APPROOV_BASE64_SECRET");
        try {
            ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class, ApproovFeature::new);
            assertTrue(e.getMessage().contains("APPROOV_BASE64_SECRET"), e.getMessage());
        } finally {
            if (previous != null) {
                System.setProperty("APPROOV_BASE64_SECRET", previous);
            }
        }
    }

    @Test
    void missingSecretStopsRegistrationWithTheVariableName() {
        ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(name -> null)));
        assertTrue(e.getMessage().contains("APPROOV_BASE64_SECRET"), e.getMessage());
    }

    @Test
    void invalidSettingsStopRegistrationNamingEachVariable() {
        Map<String, String> env = Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                "APPROOV_CLOCK_SKEW_SECONDS", "-1", "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "yes");
        ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(env::get)));
        assertTrue(e.getMessage().contains("APPROOV_CLOCK_SKEW_SECONDS"), e.getMessage());
        assertTrue(e.getMessage().contains("APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN"), e.getMessage());
    }

    @Test
    void claimsAreAbsentOutsideAnApproovCheck() {
        ContainerRequestContext request = (ContainerRequestContext) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> null);
        assertTrue(ApproovFeature.claims(request).isEmpty());
        assertTrue(ApproovFeature.claims(name -> null).isEmpty());
    }

    @Test
    void claimsAreReadFromAnyRequestObjectByThePropertyName() {
        ApproovClaims claims = TestVerifier.create(ApproovConfig.builder().secret(TestSecret.SECRET).loggingEnabled(false).build())
                .verifyToken(TOKENS.mint()).claims().orElseThrow();
        Map<String, Object> attributes = Map.of("io.github.approovjaxrs.core.ApproovClaims", claims, "other", "x");
        assertEquals("io.github.approovjaxrs.core.ApproovClaims", ApproovFeature.CLAIMS_PROPERTY);
        assertEquals(claims, ApproovFeature.claims(attributes::get).orElseThrow());
        assertTrue(ApproovFeature.claims(Map.of(ApproovFeature.CLAIMS_PROPERTY, "not claims")::get).isEmpty());
    }
}
