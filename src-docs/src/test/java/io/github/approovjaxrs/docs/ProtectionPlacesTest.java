package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovConfig;
import static io.github.approovjaxrs.testing.TestTokens.valid;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.TestTokens;
import java.net.http.HttpResponse;
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
                    .register(ApproovFeature.create(ApproovConfig.builder().base64Secret(TestTokens.SECRET_BASE64).loggingEnabled(false).build()));
        }

        @Test
        void everyMethodOfTheProtectedClassNeedsAToken() {
            assertRefused(get("catalogue/shapes"));
            assertRefused(get("catalogue/forms"));
            assertOk(get("catalogue/shapes", "Approov-Token", valid()), "[\"Circle\",\"Triangle\",\"Square\",\"Rectangle\"]");
            assertOk(get("catalogue/forms", "Approov-Token", valid()), "[\"Sphere\",\"Cone\",\"Cube\",\"Box\"]");
        }

        @Test
        void anUnannotatedResourceStaysOpen() {
            assertOk(get("hello"), "{\"text\":\"Hello, World!\"}");
        }

        @Test
        void aResourceReadsTheDeviceIdOfTheVerifiedToken() {
            assertOk(get("device", "Approov-Token", valid(60, "\"did\":\"ExampleDevice==\"")),
                    "Hello, device ExampleDevice==");
            assertRefused(get("device"));
        }

        @Test
        void aResourceReadsAnyClaimOfTheVerifiedToken() {
            HttpResponse<String> response = get("device/token", "Approov-Token",
                    TestTokens.sign("{\"exp\":4102444800,\"did\":\"d\",\"iss\":\"approov.io\"}"));
            assertOk(response, "expires 2100-01-01T00:00:00Z, claims [exp, did, iss], issuer approov.io");
        }
    }

    @Nested
    class OnTheApplication extends Served {
        @Override
        ResourceConfig application() {
            return new ShapesApplication(ApproovConfig.builder().base64Secret(TestTokens.SECRET_BASE64).loggingEnabled(false).build());
        }

        @Test
        void evenAnUnannotatedResourceNeedsAToken() {
            assertRefused(get("hello"));
            assertOk(get("hello", "Approov-Token", valid()), "{\"text\":\"Hello, World!\"}");
        }

        @Test
        void everyOtherResourceToo() {
            assertRefused(get("catalogue/forms"));
            assertOk(get("catalogue/forms", "Approov-Token", valid()));
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
            assertOk(get("hello", "Approov-Token", valid()));
        }
    }

    @Nested
    class ClaimsInMonitorMode extends Served {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(DeviceResource.class)
                    .register(ApproovFeature.create(ApproovConfig.builder().base64Secret(TestTokens.SECRET_BASE64).loggingEnabled(false).abortOnInvalidToken(false).build()));
        }

        @Test
        void aRequestThatFailedGoesOnWithoutClaims() {
            assertOk(get("device"), "Hello, unverified device");
            assertOk(get("device/token", "Approov-Token", valid(-60, "")), "no verified token");
        }

        @Test
        void aRequestThatPassedStillHasThem() {
            HttpResponse<String> response = get("device/token", "Approov-Token", valid());
            assertTrue(response.body().startsWith("expires "), response.body());
            assertEquals(200, response.statusCode());
        }
    }
}
