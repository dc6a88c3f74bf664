package io.github.approovjaxrs;

import static io.github.approovjaxrs.ApproovFeatureTest.assertOk;
import static io.github.approovjaxrs.ApproovFeatureTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.testing.ApproovTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Approov's current backend contract through the JAX-RS adapter: {@code @ApproovBound} naming the headers of
 * one endpoint (a method's names over its class's, a class's over the Application's), the configured list of
 * binding headers, a custom extractor beside both, a header named twice stopping start-up, and the client's
 * {@code Approov-Status} and {@code Approov-TraceID} reaching listeners as the core made them safe.
 */
class QuickstartContractFeatureTest {

    static final String AUTHORIZATION = "ExampleAuthToken==";
    static final String CONTENT_DIGEST = "ContentDigest==";
    static final ApproovTokens.Builder TOKENS = ApproovFeatureTest.TOKENS;

    @Path("quickstart")
    public static class Quickstart {
        @GET
        @Path("token-binding")
        @ApproovBound("Authorization")
        public String tokenBinding(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }

        @GET
        @Path("token-double-binding")
        @ApproovBound({"Authorization", "Content-Digest"})
        public String tokenDoubleBinding(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }

        @GET
        @Path("configured")
        @ApproovBound
        public String configured(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }

        @GET
        @Path("protected-and-double-bound")
        @ApproovProtected
        @ApproovBound({"Authorization", "Content-Digest"})
        public String protectedAndDoubleBound(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }
    }

    /** A class bound to SessionId: its plain methods use the class's header, a method may name its own. */
    @Path("session-class")
    @ApproovBound("SessionId")
    public static class SessionClass {
        @GET
        public String get(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }

        @GET
        @Path("plain-bound")
        @ApproovBound
        public String plainBound(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }

        @GET
        @Path("own")
        @ApproovBound({"Authorization", "SessionId"})
        public String own(@Context ContainerRequestContext request) {
            return ApproovFeatureTest.seen(request);
        }
    }

    /** An application whose every resource is bound to X-Session, unless a resource names its own headers. */
    @ApproovBound("X-Session")
    public static class SessionApplication extends ResourceConfig {
        SessionApplication(ApproovFeature feature) {
            register(ApproovFeatureTest.MethodLevel.class);
            register(Quickstart.class);
            register(feature);
        }
    }

    /** A resource whose annotation names a header twice: no valid binding can be built from it. */
    @Path("twice")
    public static class Twice {
        @GET
        @ApproovBound({"Authorization", "authorization"})
        public String get() {
            return "never";
        }
    }

    /** Names a header twice on the Application, where only the first request can find out. */
    @ApproovBound({"SessionId", "SESSIONID"})
    public static class TwiceApplication extends ResourceConfig {
        TwiceApplication(ApproovFeature feature) {
            register(ApproovFeatureTest.MethodLevel.class);
            register(feature);
        }
    }

    static ApproovConfig.Builder config() {
        return ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NamedOnTheMethod extends ApproovFeatureTest.ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(Quickstart.class, SessionClass.class).register(feature(config()
                    .bindingHeaderNames("X-Configured")).build());
        }

        @Test
        void theDoubleBoundEndpointAcceptsATokenBoundToBothValuesInOrder() {
            String token = TOKENS.boundTo(AUTHORIZATION, CONTENT_DIGEST).mint();
            assertOk(get("quickstart/token-double-binding", "Approov-Token", token, "Authorization", AUTHORIZATION,
                    "Content-Digest", CONTENT_DIGEST), "claims:exp,iat,did,ip,pay did=device-1");
            assertOk(get("quickstart/protected-and-double-bound", "Approov-Token", token, "content-digest", CONTENT_DIGEST,
                    "authorization", AUTHORIZATION), "claims:exp,iat,did,ip,pay did=device-1");
            assertEquals(List.of("accepted GET /quickstart/token-double-binding",
                    "accepted GET /quickstart/protected-and-double-bound"), recorder.events);
        }

        @Test
        void theDoubleBoundEndpointRefusesEveryVariantForItsReason() {
            String both = TOKENS.boundTo(AUTHORIZATION, CONTENT_DIGEST).mint();
            String path = "quickstart/token-double-binding";
            assertRefused(get(path, "Approov-Token", both));
            assertRefused(get(path, "Approov-Token", both, "Content-Digest", CONTENT_DIGEST));
            assertRefused(get(path, "Approov-Token", both, "Authorization", AUTHORIZATION));
            assertRefused(get(path, "Approov-Token", both, "Authorization", AUTHORIZATION, "Content-Digest", ""));
            assertRefused(get(path, "Approov-Token", both, "Authorization", "BadAuthToken==", "Content-Digest", "BadContentDigest=="));
            assertRefused(get(path, "Approov-Token", both, "Authorization", CONTENT_DIGEST, "Content-Digest", AUTHORIZATION));
            assertRefused(get(path, "Approov-Token", both, "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST,
                    "Content-Digest", CONTENT_DIGEST));
            assertRefused(get(path, "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization", AUTHORIZATION,
                    "Content-Digest", CONTENT_DIGEST));
            assertRefused(get(path, "Approov-Token", TOKENS.mint(), "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST));
            assertRefused(get(path, "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST));
            assertEquals(List.of("missing_binding_header", "missing_binding_header", "missing_binding_header",
                    "missing_binding_header", "binding_mismatch", "binding_mismatch", "duplicate_binding_header",
                    "binding_mismatch", "missing_pay_claim", "missing_token"),
                    recorder.events.stream().map(e -> e.replace("rejected GET /" + path + " ", "")).toList());
        }

        @Test
        void aMethodNamingOneHeaderIgnoresTheConfiguredOne() {
            assertOk(get("quickstart/token-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                    "Authorization", AUTHORIZATION), "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("quickstart/token-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                    "X-Configured", AUTHORIZATION));
        }

        @Test
        void aPlainBoundMethodReadsTheConfiguredHeaders() {
            assertOk(get("quickstart/configured", "Approov-Token", TOKENS.boundTo("v").mint(), "X-Configured", "v"),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("quickstart/configured", "Approov-Token", TOKENS.boundTo("v").mint(), "Authorization", "v"));
        }

        @Test
        void aClassNamingItsHeaderBindsItsMethodsUnlessAMethodNamesItsOwn() {
            String session = TOKENS.boundTo("s-1").mint();
            assertOk(get("session-class", "Approov-Token", session, "SessionId", "s-1"), "claims:exp,iat,did,ip,pay did=device-1");
            assertOk(get("session-class/plain-bound", "Approov-Token", session, "SessionId", "s-1"),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("session-class/plain-bound", "Approov-Token", session, "X-Configured", "s-1"));
            assertOk(get("session-class/own", "Approov-Token", TOKENS.boundTo(AUTHORIZATION, "s-1").mint(),
                    "Authorization", AUTHORIZATION, "SessionId", "s-1"), "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("session-class/own", "Approov-Token", session, "SessionId", "s-1"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ConfiguredList extends ApproovFeatureTest.ServerTest {
        @Override
        ResourceConfig application() {
            return new ResourceConfig(ApproovFeatureTest.MethodLevel.class, Quickstart.class).register(feature(config()
                    .bindingHeaderNames("Authorization", "SessionId")).build());
        }

        @Test
        void everyPlainBoundEndpointBindsTheConfiguredHeadersInOrder() {
            String token = TOKENS.boundTo(AUTHORIZATION, "123").mint();
            assertOk(get("methods/bound", "Approov-Token", token, "SessionId", "123", "Authorization", AUTHORIZATION),
                    "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("methods/bound", "Approov-Token", token, "Authorization", AUTHORIZATION));
            assertRefused(get("methods/bound", "Approov-Token", TOKENS.boundTo("123", AUTHORIZATION).mint(),
                    "Authorization", AUTHORIZATION, "SessionId", "123"));
            assertEquals(List.of("accepted GET /methods/bound", "rejected GET /methods/bound missing_binding_header",
                    "rejected GET /methods/bound binding_mismatch"), recorder.events);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NamedOnTheApplication extends ApproovFeatureTest.ServerTest {
        @Override
        ResourceConfig application() {
            return new SessionApplication(feature(config()).build());
        }

        @Test
        void everyResourceIsBoundToTheApplicationsHeader() {
            String session = TOKENS.boundTo("s-9").mint();
            assertOk(get("methods/open", "Approov-Token", session, "X-Session", "s-9"), "claims:exp,iat,did,ip,pay did=device-1");
            assertOk(get("methods/bound", "Approov-Token", session, "X-Session", "s-9"), "claims:exp,iat,did,ip,pay did=device-1");
            assertRefused(get("methods/bound", "Approov-Token", session, "Authorization", "s-9"));
        }

        @Test
        void aMethodThatNamesItsHeadersKeepsThem() {
            assertOk(get("quickstart/token-double-binding", "Approov-Token", TOKENS.boundTo(AUTHORIZATION, CONTENT_DIGEST).mint(),
                    "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST), "claims:exp,iat,did,ip,pay did=device-1");
        }
    }

    @Test
    void aHeaderNamedTwiceOnAMethodStopsStartUp() {
        JerseyServer server = new JerseyServer(new ResourceConfig(Twice.class).register(ApproovFeature.create(config().build())));
        IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("@ApproovBound on " + Twice.class.getName() + ".get"), messages.toString());
        assertTrue(messages.toString().contains("\"authorization\" twice"), messages.toString());
    }

    @Test
    void aHeaderNamedTwiceOnTheApplicationRefusesEveryProtectedRequestAndSaysSoOnce() {
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getMessage().contains("@ApproovBound")) {
                    errors.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.github.approovjaxrs");
        logger.addHandler(capture);
        JerseyServer server = new JerseyServer(new TwiceApplication(ApproovFeature.create(config().build()))).start();
        try {
            String token = TOKENS.boundTo("s").mint();
            assertRefused(RawHttp.get(server.uri("methods/open"), "Approov-Token", token, "SessionId", "s"));
            assertRefused(RawHttp.get(server.uri("methods/protected"), "Approov-Token", token, "SessionId", "s"));
            assertRefused(RawHttp.get(server.uri("methods/bound"), "Approov-Token", token, "SessionId", "s"));
        } finally {
            server.stop();
            logger.removeHandler(capture);
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("\"SESSIONID\" twice"), errors.get(0));
    }

    /** What a listener sees of each refused request: the reason, and the client's report as the core made it safe. */
    static final class ReportRecorder implements ApproovListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            events.add(failure.code() + " status=" + request.approovStatus().orElse("-") + " trace="
                    + request.traceId().orElse("-"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SdkReport extends ApproovFeatureTest.ServerTest {
        final ReportRecorder reports = new ReportRecorder();

        @Override
        ResourceConfig application() {
            return new ResourceConfig(ApproovFeatureTest.MethodLevel.class).register(ApproovFeature.builder(config()
                    .traceIdHeaderName("X-Trace").build()).listener(reports).build());
        }

        @Test
        void listenersHearTheSdksStatusAndTraceAsTheCoreMadeThemSafe() {
            reports.events.clear();
            List<HttpResponse<String>> responses = new ArrayList<>();
            responses.add(get("methods/protected", "Approov-Status", "no_network", "X-Trace", "4bf92f3577b34da6"));
            responses.add(get("methods/protected", "Approov-Token", "", "Approov-Status", "NO_APPROOV_SERVICE"));
            responses.add(get("methods/protected", "Approov-Status", TOKENS.mint(), "X-Trace", TOKENS.mint()));
            responses.add(get("methods/protected", "Approov-Status", "success", "Approov-TraceID", "ignored-name"));
            responses.add(get("methods/protected"));
            responses.forEach(ApproovFeatureTest::assertRefused);
            assertEquals(List.of("missing_token status=no_network trace=4bf92f3577b34da6",
                    "missing_token status=no_approov_service trace=-",
                    "missing_token status=unknown trace=-",
                    "missing_token status=success trace=-",
                    "missing_token status=- trace=-"), reports.events);
        }
    }
}
