package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Approov check in front of the upstream: what is refused never reaches it, whatever the method or body. */
class GatewayCheckTest {

    static final String AUTHORIZATION = "Bearer 0123456789abcdef";

    static RecordingUpstream upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = new RecordingUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void freshUpstream() {
        upstream.reset();
    }

    /** The library's refusal: 401, body {}, WWW-Authenticate: Approov; and nothing reached the upstream. */
    static void assertRefusedAndNotForwarded(RawHttp1.Answer answer) {
        assertEquals(401, answer.status());
        assertEquals("{}", answer.bodyText());
        assertEquals(List.of("Approov"), answer.header("WWW-Authenticate"));
        assertEquals(List.of("application/json"), answer.header("Content-Type"));
        assertTrue(upstream.received().isEmpty(), "a refused request reached the upstream: " + upstream.received());
    }

    static void assertForwarded(RawHttp1.Answer answer) {
        assertEquals(200, answer.status());
        assertEquals("ok", answer.bodyText());
        assertEquals(1, upstream.received().size());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheTokenStrategy {
        TestGateway gateway;

        @BeforeAll
        void start() {
            gateway = TestGateway.inFrontOf(upstream.url());
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void aRequestWithoutATokenIsRefused() {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"expired", "wrong signature", "not a token", "empty", "two lines", "bearer prefix"})
        void aRequestWithAnInvalidTokenIsRefused(String kind) {
            String valid = TOKENS.mint();
            List<String> lines = switch (kind) {
                case "expired" -> List.of("Approov-Token: " + TOKENS.expiresIn(Duration.ofSeconds(-60)).mint());
                case "wrong signature" -> List.of("Approov-Token: " + TOKENS.withWrongSignature().mint());
                case "not a token" -> List.of("Approov-Token: hello");
                case "empty" -> List.of("Approov-Token:");
                case "two lines" -> List.of("Approov-Token: " + valid, "Approov-Token: " + valid);
                default -> List.of("Approov-Token: Bearer " + valid);
            };

            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes",
                    lines.toArray(String[]::new)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
        void everyMethodIsCheckedAndARefusedOneIsNotForwarded(String method) {
            RawHttp1.Answer answer = RawHttp1.send(gateway.base(), method + " /v1/items/7 HTTP/1.1\r\nHost: g"
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 9",
                    "{\"id\":7}\n".getBytes(StandardCharsets.UTF_8));

            assertEquals(401, answer.status());
            assertTrue(upstream.received().isEmpty(), upstream.received().toString());
        }

        @Test
        void aValidTokenIsForwarded() {
            assertForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes", "Approov-Token: " + TOKENS.mint()));
        }

        @Test
        void aValidTokenNeedsNoBindingWithThisStrategy() {
            assertForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/forms", "Approov-Token: " + TOKENS.mint(),
                    "Authorization: " + AUTHORIZATION));
        }

        @Test
        void theRootPathIsCheckedToo() {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheTokenBindingStrategy {
        TestGateway gateway;

        @BeforeAll
        void start() {
            gateway = TestGateway.inFrontOf(upstream.url(), "APPROOV_VERIFICATION_STRATEGY", "token-binding");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @Test
        void aTokenBoundToTheAuthorizationItComesWithIsForwardedWithIt() {
            assertForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes",
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization: " + AUTHORIZATION));
            assertEquals(List.of(AUTHORIZATION), upstream.only().header("Authorization"));
        }

        @Test
        void aTokenBoundToAnotherAuthorizationIsRefused() {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes",
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization: Bearer fedcba9876543210"));
        }

        @Test
        void aBoundTokenWithoutItsAuthorizationIsRefused() {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/v1/shapes",
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint()));
        }

        @Test
        void anUnboundTokenIsRefusedOnEveryPath() {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", "/anything",
                    "Approov-Token: " + TOKENS.mint(), "Authorization: " + AUTHORIZATION));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithBindingOnSomePaths {
        TestGateway gateway;

        @BeforeAll
        void start() {
            gateway = TestGateway.inFrontOf(upstream.url(), "APPROOV_BINDING_PATH_PREFIXES", "/v1/forms, /pay/");
        }

        @AfterAll
        void stop() {
            gateway.close();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/v1/shapes", "/v1/formsets", "/v2/forms", "/payment", "/"})
        void pathsOutsideThePrefixesNeedOnlyAValidToken(String path) {
            assertForwarded(RawHttp1.send(gateway.base(), "GET", path, "Approov-Token: " + TOKENS.mint()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/v1/forms", "/v1/forms/7", "/v1/forms?x=1", "/pay", "/pay/now",
                // other spellings of the same paths, as an upstream may read them
                "/V1/Forms", "/v1/%66orms", "/v1/forms%2F7", "/v1//forms", "//v1/forms", "/v1/./forms",
                "/x/../v1/forms", "/v1/forms;jsessionid=1", "/v1/forms/", "/v1/%2e%2e/v1/forms"})
        void pathsUnderAPrefixNeedTheBinding(String path) {
            assertRefusedAndNotForwarded(RawHttp1.send(gateway.base(), "GET", path,
                    "Approov-Token: " + TOKENS.mint(), "Authorization: " + AUTHORIZATION));
        }

        @Test
        void aBoundTokenPassesUnderAPrefix() {
            assertForwarded(RawHttp1.send(gateway.base(), "POST", "/pay/now",
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization: " + AUTHORIZATION,
                    "Content-Length: 0"));
            assertEquals("/pay/now", upstream.only().rawPath());
        }
    }

    @Test
    void inMonitorModeAnInvalidTokenIsLoggedAndForwarded() {
        try (TestGateway monitoring = TestGateway.inFrontOf(upstream.url(),
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false")) {
            assertForwarded(RawHttp1.send(monitoring.base(), "GET", "/v1/shapes", "Approov-Token: hello"));
        }
        assertFalse(upstream.only().hasHeader("Approov-Token"));
    }

    @Test
    void theCloudflareWorkersHeaderNamesAreHonoured() {
        String session = "session-42";
        try (TestGateway custom = TestGateway.inFrontOf(upstream.url(), "APPROOV_TOKEN_HEADER_NAME", "X-App-Token",
                "APPROOV_BINDING_HEADER_NAME", "X-Session", "APPROOV_VERIFICATION_STRATEGY", "token-binding")) {
            assertRefusedAndNotForwarded(RawHttp1.send(custom.base(), "GET", "/v1/shapes",
                    "Approov-Token: " + TOKENS.boundTo(session).mint(), "X-Session: " + session));
            assertForwarded(RawHttp1.send(custom.base(), "GET", "/v1/shapes",
                    "X-App-Token: " + TOKENS.boundTo(session).mint(), "X-Session: " + session));
        }
        assertFalse(upstream.only().hasHeader("X-App-Token"));
        assertEquals(List.of(session), upstream.only().header("X-Session"));
    }
}
