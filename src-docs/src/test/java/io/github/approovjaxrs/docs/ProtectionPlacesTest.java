package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Where the annotations go: a method, a class, the application; and reading the claims. */
class ProtectionPlacesTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Served {
        JerseyServer server;

        abstract ResourceConfig application();

        @BeforeAll
        void start() {
            server = new JerseyServer(application()).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        HttpResponse<String> get(String path, String... headers) {
            return RawHttp.get(server.uri(path), headers);
        }
    }

    @Nested
    class OnAClassAndOnMethods extends Served {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(CatalogueResource.class, HelloResource.class, DeviceResource.class)
                    .register(ApproovFeature.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()));
        }

        @Test
        void everyMethodOfTheProtectedClassNeedsAToken() {
            assertRefused(get("catalogue/shapes"));
            assertRefused(get("catalogue/forms"));
            assertOk(get("catalogue/shapes", "Approov-Token", TOKENS.mint()),
                    "[\"Circle\",\"Triangle\",\"Square\",\"Rectangle\"]");
            assertOk(get("catalogue/forms", "Approov-Token", TOKENS.mint()), "[\"Sphere\",\"Cone\",\"Cube\",\"Box\"]");
        }

        @Test
        void anUnannotatedResourceStaysOpen() {
            assertOk(get("hello"), "{\"text\":\"Hello, World!\"}");
        }

        @Test
        void aResourceReadsTheDeviceIdOfTheVerifiedToken() {
            assertOk(get("device", "Approov-Token", TOKENS.deviceId("ExampleDevice==").mint()),
                    "Hello, device ExampleDevice==");
            assertRefused(get("device"));
        }

        @Test
        void aResourceReadsAnyClaimOfTheVerifiedToken() {
            HttpResponse<String> response = get("device/token", "Approov-Token",
                    ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":4102444800,\"did\":\"d\",\"iss\":\"approov.io\"}",
                            TestSecret.SECRET));
            assertOk(response, "expires 2100-01-01T00:00:00Z, claims [exp, did, iss], issuer approov.io");
        }
    }

    @Nested
    class OnTheApplication extends Served {
        @Override
        ResourceConfig application() {
            return new ShapesApplication(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build());
        }

        @Test
        void evenAnUnannotatedResourceNeedsAToken() {
            assertRefused(get("hello"));
            assertOk(get("hello", "Approov-Token", TOKENS.mint()), "{\"text\":\"Hello, World!\"}");
        }

        @Test
        void everyOtherResourceToo() {
            assertRefused(get("catalogue/forms"));
            assertOk(get("catalogue/forms", "Approov-Token", TOKENS.mint()));
        }
    }

    @Nested
    class OnTheApplicationFromTheEnvironment extends Served {
        @Override
        ResourceConfig application() {
            return SystemProperties.withTestSecret(ShapesApplication::new);
        }

        @Test
        void theNoArgumentConstructorReadsTheApproovVariables() {
            assertRefused(get("hello"));
            assertOk(get("hello", "Approov-Token", TOKENS.mint()));
        }
    }

    @Nested
    class ClaimsInMonitorMode extends Served {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(DeviceResource.class)
                    .register(ApproovFeature.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).abortOnInvalidToken(false).build()));
        }

        @Test
        void aRequestThatFailedGoesOnWithoutClaims() {
            assertOk(get("device"), "Hello, unverified device");
            assertOk(get("device/token", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()), "no verified token");
        }

        @Test
        void aRequestThatPassedStillHasThem() {
            HttpResponse<String> response = get("device/token", "Approov-Token", TOKENS.mint());
            assertTrue(response.body().startsWith("expires "), response.body());
            assertEquals(200, response.statusCode());
        }
    }
}
