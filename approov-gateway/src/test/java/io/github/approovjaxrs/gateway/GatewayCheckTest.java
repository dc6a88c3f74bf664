package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Approov check in front of the upstream ({@link GatewayCheck}): what is refused never reaches it, whatever
 * the method or body; monitor mode and the log are the core's.
 */
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
                "/x/../v1/forms", "/v1/forms;jsessionid=1", "/v1/forms/", "/v1/%2e%2e/v1/forms",
                // the path forwarded is the path checked: a fragment the client sent is neither
                "/v1/forms#x", "/v1/forms#/../../v1/shapes"})
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
        List<String> log;
        try (CoreLog core = new CoreLog();
             TestGateway monitoring = TestGateway.inFrontOf(upstream.url(),
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false", "APPROOV_LOGGING_ENABLED", "true")) {
            assertForwarded(RawHttp1.send(monitoring.base(), "GET", "/v1/shapes", "Approov-Token: hello"));
            log = core.lines();
        }
        assertFalse(upstream.only().hasHeader("Approov-Token"));
        assertEquals(List.of("WARNING Approov (monitor mode): GET /v1/shapes failed (malformed_token) and was let"
                + " through"), log);
    }

    @Test
    void inMonitorModeForBindingsAWrongBindingIsLoggedAndForwarded() {
        List<String> log;
        try (CoreLog core = new CoreLog();
             TestGateway monitoring = TestGateway.inFrontOf(upstream.url(), "APPROOV_VERIFICATION_STRATEGY",
                     "token-binding", "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING", "false",
                     "APPROOV_LOGGING_ENABLED", "true")) {
            assertForwarded(RawHttp1.send(monitoring.base(), "GET", "/v1/shapes",
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization: Bearer fedcba9876543210"));
            // The token itself is still enforced.
            upstream.reset();
            assertRefusedAndNotForwarded(RawHttp1.send(monitoring.base(), "GET", "/v1/shapes",
                    "Authorization: " + AUTHORIZATION));
            log = core.lines();
        }
        assertEquals(List.of("WARNING Approov (monitor mode): GET /v1/shapes failed (binding_mismatch) and was let"
                + " through", "INFO Approov: rejected GET /v1/shapes: missing_token"), log);
    }

    @Test
    void aRefusedRequestWithABodyLeavesItsConnectionUsable() throws Exception {
        try (TestGateway gateway = TestGateway.inFrontOf(upstream.url());
             Socket socket = new Socket(gateway.base().getHost(), gateway.base().getPort())) {
            socket.setSoTimeout(10_000);
            String body = "{\"id\":7}";
            socket.getOutputStream().write(("POST /v1/items HTTP/1.1\r\nHost: g\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /v1/shapes HTTP/1.1\r\nHost: g\r\nConnection: close\r\nApproov-Token: "
                    + TOKENS.mint() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();

            RawHttp1.Answer refused = RawHttp1.read(in);
            RawHttp1.Answer forwarded = RawHttp1.read(in);

            assertEquals(401, refused.status());
            assertEquals("{}", refused.bodyText());
            assertEquals(List.of("2"), refused.header("Content-Length"));
            assertForwarded(forwarded);
            assertEquals("GET", upstream.only().method());
        }
    }

    @Test
    void theStartUpLogSaysWhatEachPathNeeds() {
        List<String> log;
        try (GatewayLog gateway = new GatewayLog();
             TestGateway started = TestGateway.inFrontOf(upstream.url(), "APPROOV_BINDING_PATH_PREFIXES",
                     "/v1/forms,/pay")) {
            log = gateway.lines();
        }
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("INFO Approov gateway check ready: token + binding on /v1/forms, /pay,"
                + " token elsewhere; token header Approov-Token, binding header Authorization, keys [HS256"),
                log.get(0));
    }

    @Test
    void theForwarderAloneForwardsNothing() throws Exception {
        // Jersey's application without the check in front of it: whatever the request, nothing is forwarded.
        GatewayConfig config = GatewayConfig.read(TestGateway.settings(upstream.url())::get, false);
        try (Upstream target = new Upstream(config.upstream(), config.connectTimeout(), config.readTimeout())) {
            HttpServer jerseyAlone = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    Gateway.application(new Forwarding(target, null)), false);
            jerseyAlone.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + jerseyAlone.getListeners().iterator().next().getPort()
                        + "/");
                assertRefusedAndNotForwarded(RawHttp1.send(base, "GET", "/v1/shapes",
                        "Approov-Token: " + TOKENS.mint()));
            } finally {
                jerseyAlone.shutdownNow();
            }
        }
    }

    /** Captures what one logger writes while open, as "LEVEL message" lines. */
    static class CapturedLog extends Handler implements AutoCloseable {
        private final Logger logger;
        private final Level previous;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        CapturedLog(String name) {
            logger = Logger.getLogger(name);
            previous = logger.getLevel();
            logger.setLevel(Level.ALL);
            logger.addHandler(this);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }

    /** The core's decisions, as its logging listener writes them. */
    static final class CoreLog extends CapturedLog {
        CoreLog() {
            super("io.github.approovjaxrs.core");
        }
    }

    /** The gateway's own lines. */
    static final class GatewayLog extends CapturedLog {
        GatewayLog() {
            super(Gateway.class.getPackageName());
        }
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

    /** Approov's quickstarts bind to two headers; the gateway's binding policy binds to the configured list. */
    @Test
    void onBoundPathsTheTokenIsBoundToEveryConfiguredHeaderInOrder() {
        String token = TOKENS.boundTo("ExampleAuthToken==", "ContentDigest==").mint();
        try (TestGateway bound = TestGateway.inFrontOf(upstream.url(), "APPROOV_BINDING_HEADER_NAME",
                "Authorization,Content-Digest", "APPROOV_BINDING_PATH_PREFIXES", "/v1/forms")) {
            assertRefusedAndNotForwarded(RawHttp1.send(bound.base(), "GET", "/v1/forms",
                    "Approov-Token: " + token, "Authorization: ExampleAuthToken=="));
            assertRefusedAndNotForwarded(RawHttp1.send(bound.base(), "GET", "/v1/forms",
                    "Approov-Token: " + token, "Authorization: ContentDigest==", "Content-Digest: ExampleAuthToken=="));
            assertRefusedAndNotForwarded(RawHttp1.send(bound.base(), "GET", "/v1/forms",
                    "Approov-Token: " + TOKENS.boundTo("ExampleAuthToken==").mint(), "Authorization: ExampleAuthToken==",
                    "Content-Digest: ContentDigest=="));
            assertForwarded(RawHttp1.send(bound.base(), "GET", "/v1/forms", "Approov-Token: " + token,
                    "Content-Digest: ContentDigest==", "Authorization: ExampleAuthToken=="));
            assertEquals(List.of("ContentDigest=="), upstream.only().header("Content-Digest"), "bound headers go on");
            upstream.reset();
            assertForwarded(RawHttp1.send(bound.base(), "GET", "/v1/shapes", "Approov-Token: " + token));
        }
    }
}
