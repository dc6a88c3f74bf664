package io.github.approovjaxrs;

import static io.github.approovjaxrs.testing.ApproovTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.testing.ApproovTokens;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The name-bound filters in a real Jersey container (Grizzly), driven over HTTP. */
class ApproovFeatureTest {

    static final String BEARER = "Bearer 0123456789abcdef";
    /** Approov-like tokens signed with the test secret, all with one device id so that the claims seen are predictable. */
    static final ApproovTokens.Builder TOKENS = TestSecret.TOKENS.deviceId("device-1");

    /** Answers which claims the resource could see, so tests can tell exposure from absence. */
    static String seen(ContainerRequestContext request) {
        return ApproovFeature.claims(request)
                .map(c -> "claims:" + String.join(",", c.asMap().keySet()) + c.deviceId().map(d -> " did=" + d).orElse(""))
                .orElse("no claims");
    }

    @Path("methods")
    public static class MethodLevel {
        @GET
        @Path("open")
        public String open(@Context ContainerRequestContext request) {
            return seen(request);
        }

        @GET
        @Path("protected")
        @ApproovProtected
        public String protectedMethod(@Context ContainerRequestContext request) {
            return seen(request);
        }

        @GET
        @Path("bound")
        @ApproovBound
        public String bound(@Context ContainerRequestContext request) {
            return seen(request);
        }

        @GET
        @Path("both")
        @ApproovProtected
        @ApproovBound
        public String both(@Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    @Path("protected-class")
    @ApproovProtected
    public static class ProtectedClass {
        @GET
        public String get(@Context ContainerRequestContext request) {
            return seen(request);
        }

        @GET
        @Path("bound")
        @ApproovBound
        public String bound(@Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    @Path("bound-class")
    @ApproovBound
    public static class BoundClass {
        @GET
        public String get(@Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    /** Records every decision. */
    static final class Recorder implements ApproovListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void accepted(ApproovRequest request, ApproovClaims claims) {
            String method = request.method();
            String path = request.path();
            events.add("accepted " + method + " " + path);
        }

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            String method = request.method();
            String path = request.path();
            events.add("rejected " + method + " " + path + " " + failure.code() + (enforced ? "" : " (monitor)"));
        }

        @Override
        public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
            String method = request.method();
            String path = request.path();
            if (stage == ApproovFailure.Stage.BINDING) {
                events.add("binding not checked " + method + " " + path);
            }
            if (stage == ApproovFailure.Stage.MESSAGE_SIGNATURE) {
                events.add("signature not checked " + method + " " + path);
            }
        }
    }

    abstract static class ServerTest {
        final Recorder recorder = new Recorder();
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

        @BeforeEach
        void clearEvents() {
            recorder.events.clear();
        }

        HttpResponse<String> get(String path, String... headers) {
            return RawHttp.get(server.uri(path), headers);
        }

        ApproovFeature.Builder feature(ApproovConfig.Builder config) {
            return ApproovFeature.builder(config.build()).listener(recorder);
        }
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

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Enforcing extends ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(MethodLevel.class, ProtectedClass.class, BoundClass.class)
                    .register(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)).build());
        }

        @Test
        void unannotatedMethodStaysOpen() {
            assertOk(get("methods/open"), "no claims");
            assertOk(get("methods/open", "Approov-Token", "garbage"), "no claims");
            assertEquals(List.of(), recorder.events);
        }

        @Test
        void protectedMethodRefusesAMissingToken() {
            assertRefused(get("methods/protected"));
            assertEquals(List.of("rejected GET /methods/protected missing_token"), recorder.events);
        }

        @Test
        void protectedMethodAcceptsAValidTokenAndExposesItsClaims() {
            assertOk(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(60)).mint()),
                    "claims:exp,iat,did,ip did=device-1");
            assertEquals(List.of("accepted GET /methods/protected"), recorder.events);
        }

        @Test
        void headerNameIsCaseInsensitive() {
            assertOk(get("methods/protected", "approov-token", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
            assertOk(get("methods/protected", "APPROOV-TOKEN", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
        }

        @Test
        void protectedMethodRefusesExpiredForgedAndMalformedTokens() {
            assertRefused(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-1)).mint()));
            assertRefused(get("methods/protected", "Approov-Token",
                    sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}",
                            new byte[32])));
            assertRefused(get("methods/protected", "Approov-Token", "Bearer " + TOKENS.mint()));
            assertEquals(List.of("rejected GET /methods/protected expired",
                    "rejected GET /methods/protected bad_signature",
                    "rejected GET /methods/protected malformed_token"), recorder.events);
        }

        @Test
        void twoTokenHeaderLinesAreRefused() {
            String token = TOKENS.mint();
            assertRefused(get("methods/protected", "Approov-Token", token, "Approov-Token", token));
            assertEquals(List.of("rejected GET /methods/protected duplicate_token_header"), recorder.events);
        }

        @Test
        void tokenInTheQueryStringOrAuthorizationIsNotLookedAt() {
            String token = TOKENS.mint();
            assertRefused(get("methods/protected?Approov-Token=" + token));
            assertRefused(get("methods/protected", "Authorization", token));
            assertRefused(get("methods/protected", "Authorization", "Bearer " + token));
        }

        @Test
        void boundMethodAcceptsTheMatchingAuthorization() {
            assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(List.of("accepted GET /methods/bound"), recorder.events);
        }

        @Test
        void boundMethodRefusesEveryBindingFailure() {
            String token = TOKENS.boundTo(BEARER).mint();
            assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", "Bearer other"));
            assertRefused(get("methods/bound", "Approov-Token", token));
            assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", BEARER, "Authorization", BEARER));
            assertRefused(get("methods/bound", "Approov-Token", TOKENS.mint(), "Authorization", BEARER));
            assertRefused(get("methods/bound", "Authorization", BEARER));
            assertEquals(List.of("rejected GET /methods/bound binding_mismatch",
                    "rejected GET /methods/bound missing_binding_header",
                    "rejected GET /methods/bound duplicate_binding_header",
                    "rejected GET /methods/bound missing_pay_claim",
                    "rejected GET /methods/bound missing_token"), recorder.events);
        }

        @Test
        void bothAnnotationsOnOneMethodCheckOnceWithBinding() {
            assertOk(get("methods/both", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("methods/both", "Approov-Token", TOKENS.mint()));
            assertEquals(List.of("accepted GET /methods/both", "rejected GET /methods/both missing_binding_header"),
                    recorder.events);
        }

        @Test
        void protectedClassCoversEveryMethod() {
            assertRefused(get("protected-class"));
            assertOk(get("protected-class", "Approov-Token", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
        }

        @Test
        void boundMethodInAProtectedClassChecksTheBindingOnce() {
            assertRefused(get("protected-class/bound", "Approov-Token", TOKENS.mint()));
            assertOk(get("protected-class/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(List.of("rejected GET /protected-class/bound missing_binding_header",
                    "accepted GET /protected-class/bound"), recorder.events);
        }

        @Test
        void boundClassCoversEveryMethod() {
            assertRefused(get("bound-class", "Approov-Token", TOKENS.mint()));
            assertOk(get("bound-class", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), "claims:exp,iat,did,ip,pay did=device-1");
        }
    }

    @ApproovProtected
    public static class ProtectedApplication extends ResourceConfig {
        ProtectedApplication(ApproovFeature feature) {
            register(MethodLevel.class);
            register(feature);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProtectedOnTheApplication extends ServerTest {
        @Override
        ResourceConfig application() {
            return new ProtectedApplication(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)).build());
        }

        @Test
        void everyResourceNeedsAToken() {
            assertRefused(get("methods/open"));
            assertOk(get("methods/open", "Approov-Token", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
        }

        @Test
        void boundMethodsStillCheckTheBindingOnce() {
            assertRefused(get("methods/bound", "Approov-Token", TOKENS.mint()));
            assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(List.of("rejected GET /methods/bound missing_binding_header", "accepted GET /methods/bound"),
                    recorder.events);
        }
    }

    @ApproovBound
    public static class BoundApplication extends ResourceConfig {
        BoundApplication(ApproovFeature feature) {
            register(MethodLevel.class);
            register(feature);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BoundOnTheApplication extends ServerTest {
        @Override
        ResourceConfig application() {
            return new BoundApplication(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)).build());
        }

        @Test
        void everyResourceNeedsABoundToken() {
            assertRefused(get("methods/open", "Approov-Token", TOKENS.mint()));
            assertOk(get("methods/open", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), "claims:exp,iat,did,ip,pay did=device-1");
        }

        @Test
        void protectedMethodsAreBoundTooAndHeardOnce() {
            assertRefused(get("methods/protected", "Approov-Token", TOKENS.mint()));
            assertOk(get("methods/protected", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(List.of("rejected GET /methods/protected missing_binding_header",
                    "accepted GET /methods/protected"), recorder.events);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MonitorMode extends ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(MethodLevel.class).register(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                    .abortOnInvalidToken(false).abortOnInvalidBinding(false)).build());
        }

        @Test
        void invalidTokenIsLoggedAndLetThroughWithoutClaims() {
            assertOk(get("methods/protected", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-5)).mint()), "no claims");
            assertEquals(List.of("rejected GET /methods/protected expired (monitor)"), recorder.events);
        }

        @Test
        void onABoundEndpointAFailedTokenLeavesTheBindingUnjudged() {
            assertOk(get("methods/bound", "Authorization", BEARER), "no claims");
            assertEquals(List.of("rejected GET /methods/bound missing_token (monitor)",
                    "binding not checked GET /methods/bound"), recorder.events);
        }

        @Test
        void bindingMismatchIsLoggedAndLetThroughWithoutClaims() {
            assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", "Bearer other"), "no claims");
            assertEquals(List.of("rejected GET /methods/bound binding_mismatch (monitor)"), recorder.events);
        }

        @Test
        void validRequestsStillGetClaims() {
            assertOk(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER), "claims:exp,iat,did,ip,pay did=device-1");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BindingMonitorOnly extends ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(MethodLevel.class).register(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                    .abortOnInvalidBinding(false)).build());
        }

        @Test
        void tokenFailuresAreStillEnforced() {
            assertRefused(get("methods/bound", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-5)).mint(), "Authorization", BEARER));
        }

        @Test
        void bindingFailuresGoOn() {
            assertOk(get("methods/bound", "Approov-Token", TOKENS.mint(), "Authorization", BEARER), "no claims");
            assertEquals(List.of("rejected GET /methods/bound missing_pay_claim (monitor)"), recorder.events);
        }
    }

    @Path("cookie")
    public static class CookieBound {
        @GET
        @ApproovBound
        public String get(@CookieParam("session") Cookie session, @Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CustomHooks extends ServerTest {
        @Override
        ResourceConfig application() {
            ApproovFeature feature = feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                    .tokenHeaderName("X-App-Token"))
                    .failureResponder((refused, request) -> Response.status(403)
                            .entity("{\"error\":\"app not verified\"}").type("application/json").build())
                    .bindingExtractor(request -> {
                        Map<String, Cookie> cookies = request.getCookies();
                        return cookies.containsKey("session") ? List.of(cookies.get("session").getValue()) : List.of();
                    })
                    .listener(new ApproovListener() {
                        @Override
                        public void accepted(ApproovRequest request, ApproovClaims claims) {
                            throw new IllegalStateException("a broken listener must not break requests");
                        }
                    })
                    .build();
            return new ResourceConfig(MethodLevel.class, CookieBound.class).register(feature);
        }

        @Test
        void customFailureResponseIsSent() {
            HttpResponse<String> response = get("methods/protected");
            assertEquals(403, response.statusCode());
            assertEquals("{\"error\":\"app not verified\"}", response.body());
        }

        @Test
        void configuredTokenHeaderIsTheOnlyOneRead() {
            assertEquals(403, get("methods/protected", "Approov-Token", TOKENS.mint()).statusCode());
            assertOk(get("methods/protected", "X-App-Token", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
        }

        @Test
        void customBindingExtractorBindsToACookie() {
            assertOk(get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=s3ss10n"), "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(403, get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=other").statusCode());
            assertEquals(403, get("cookie", "X-App-Token", TOKENS.boundTo("s3ss10n").mint(), "Authorization", "s3ss10n").statusCode());
        }

        @Test
        void throwingListenerDoesNotBreakTheRequest() {
            assertOk(get("methods/protected", "X-App-Token", TOKENS.mint()), "claims:exp,iat,did,ip did=device-1");
            assertTrue(recorder.events.contains("accepted GET /methods/protected"), recorder.events.toString());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BrokenResponders extends ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(MethodLevel.class, CookieBound.class).register(feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false))
                    .failureResponder((refused, request) -> {
                        if (refused.reason() == ApproovFailure.MISSING_TOKEN) {
                            throw new IllegalStateException("broken responder");
                        }
                        return null;
                    })
                    .bindingExtractor(request -> {
                        throw new IllegalStateException("broken extractor");
                    })
                    .build());
        }

        @Test
        void throwingResponderFallsBackToTheDefault401() {
            assertRefused(get("methods/protected"));
        }

        @Test
        void nullResponseFallsBackToTheDefault401() {
            assertRefused(get("methods/protected", "Approov-Token", "x.y.z"));
        }

        @Test
        void throwingExtractorFailsClosed() {
            assertRefused(get("methods/bound", "Approov-Token", TOKENS.boundTo(BEARER).mint(), "Authorization", BEARER));
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
    }
}
