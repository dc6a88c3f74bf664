package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The original Shapes API and its protected twin, side by side, as the walkthrough shows them. */
class ShapesApiTwinsTest {

    static final String BEARER = "Bearer 0123456789abcdef";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Original {
        JerseyServer server;

        @BeforeAll
        void start() {
            server = new JerseyServer(io.github.approovjaxrs.docs.original.ShapesApi.application()).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        @Test
        void answersAnyClientWithoutAToken() {
            assertOk(RawHttp.get(server.uri("hello")), "{\"text\":\"Hello, World!\"}");
            assertTrue(RawHttp.get(server.uri("shapes")).body().startsWith("{\"shape\":\""));
            assertTrue(RawHttp.get(server.uri("forms")).body().startsWith("{\"form\":\""));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Protected {
        JerseyServer server;

        @BeforeAll
        void start() {
            server = new JerseyServer(SystemProperties.withTestSecret(ShapesApi::application)).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        HttpResponse<String> get(String path, String... headers) {
            return RawHttp.get(server.uri(path), headers);
        }

        @Test
        void helloStaysOpen() {
            assertOk(get("hello"), "{\"text\":\"Hello, World!\"}");
        }

        @Test
        void shapesNeedsAValidToken() {
            assertRefused(get("shapes"));
            assertRefused(get("shapes", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
            HttpResponse<String> accepted = get("shapes", "Approov-Token", TOKENS.mint());
            assertOk(accepted);
            assertTrue(Stream.of("Circle", "Triangle", "Square", "Rectangle")
                    .anyMatch(shape -> accepted.body().equals("{\"shape\":\"" + shape + "\"}")), accepted.body());
        }

        @Test
        void formsNeedsATokenBoundToTheAuthorizationItComesWith() {
            assertRefused(get("forms", "Approov-Token", TOKENS.mint(), "Authorization", BEARER));
            assertRefused(get("forms", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", "Bearer another-user"));
            assertRefused(get("forms", "Approov-Token", TOKENS.boundTo(BEARER).mint()));
            HttpResponse<String> accepted = get("forms", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER);
            assertOk(accepted);
            assertTrue(accepted.body().startsWith("{\"form\":\""), accepted.body());
        }
    }

    @Test
    void theProtectedServerDoesNotStartWithoutASecretAndSaysWhichVariableToSet() {
        assumeTrue(Stream.of("APPROOV_BASE64_SECRET", "APPROOV_BASE64_SECRETS", "APPROOV_JWKS_FILE",
                "APPROOV_PUBLIC_KEY_PEM").allMatch(name -> System.getenv(name) == null),
                "a key is configured in this process's environment");
        ApproovConfigurationException refused = assertThrows(ApproovConfigurationException.class,
                () -> SystemProperties.with(Map.of(), ShapesApi::application));
        assertTrue(refused.getMessage().contains("APPROOV_BASE64_SECRET is not set"), refused.getMessage());
    }
}
