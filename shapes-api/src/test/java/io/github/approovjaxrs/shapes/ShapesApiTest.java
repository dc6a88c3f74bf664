package io.github.approovjaxrs.shapes;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.testing.ApproovTokens.HS256_HEADER;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Shapes API in a real Jersey container (Grizzly, free loopback port), driven over HTTP. */
class ShapesApiTest {

    static final String AUTHORIZATION = "Bearer 0123456789abcdef";
    static final Pattern SHAPE = Pattern.compile("\\{\"shape\":\"(\\w+)\"}");
    static final Pattern FORM = Pattern.compile("\\{\"form\":\"(\\w+)\"}");

    /** What the Approov check decided, request by request, so tests can tell why a request was refused. */
    static final class Decisions implements ApproovListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void accepted(ApproovRequest request, ApproovClaims claims) {
            String method = request.method();
            String path = request.path();
            events.add("accepted " + path);
        }

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            String method = request.method();
            String path = request.path();
            events.add((enforced ? "rejected " : "monitored ") + path + " " + failure.code());
        }

        @Override
        public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
            String method = request.method();
            String path = request.path();
            if (stage == ApproovFailure.Stage.BINDING) {
                events.add("binding not checked " + path);
            }
        }
    }

    static void assertJson(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    static void assertRefused(HttpResponse<String> response) {
        assertJson(response, 401);
        assertEquals("{}", response.body());
        assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    static void assertShape(HttpResponse<String> response) {
        assertJson(response, 200);
        Matcher shape = SHAPE.matcher(response.body());
        assertTrue(shape.matches(), response.body());
        assertTrue(Shapes.SHAPES.contains(shape.group(1)), response.body());
    }

    static void assertForm(HttpResponse<String> response) {
        assertJson(response, 200);
        Matcher form = FORM.matcher(response.body());
        assertTrue(form.matches(), response.body());
        assertTrue(Shapes.FORMS.contains(form.group(1)), response.body());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Enforcing {
        final Decisions decisions = new Decisions();
        JerseyServer server;

        @BeforeAll
        void start() {
            server = new JerseyServer(ShapesApi.application(
                    ApproovFeature.builder(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()).listener(decisions).build())).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        @BeforeEach
        void forget() {
            decisions.events.clear();
        }

        HttpResponse<String> get(String path, String... headers) {
            return RawHttp.get(server.uri(path), headers);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/v1/hello", "/v2/hello"})
        void helloIsOpenOnBothVersions(String path) {
            HttpResponse<String> response = get(path);
            assertJson(response, 200);
            assertEquals("{\"text\":\"Hello, World!\"}", response.body());
        }

        @Test
        void v1ShapesAndFormsAreOpen() {
            assertShape(get("/v1/shapes"));
            assertForm(get("/v1/forms"));
            assertEquals(List.of(), decisions.events);
        }

        @Test
        void v1IgnoresWhatClientsSendAlong() {
            // As the Postman collection's v1 requests: an Api-Key, a foreign Authorization, a bad token.
            assertShape(get("/v1/shapes", "Api-Key", "yXClypapWNHIifHUWmBIyPFAm", "Approov-Token", "adasdasdsadasd"));
            assertForm(get("/v1/forms", "Authorization", AUTHORIZATION));
        }

        @Test
        void v2ShapesAnswersAValidToken() {
            assertShape(get("/v2/shapes", "Approov-Token", TOKENS.mint()));
            assertEquals(List.of("accepted /v2/shapes"), decisions.events);
        }

        @Test
        void v2ShapesRefusesARequestWithoutToken() {
            assertRefused(get("/v2/shapes"));
            assertEquals(List.of("rejected /v2/shapes missing_token"), decisions.events);
        }

        @Test
        void v2ShapesRefusesTwoTokenHeaderLines() {
            assertRefused(get("/v2/shapes", "Approov-Token", TOKENS.mint(), "Approov-Token", TOKENS.mint()));
            assertEquals(List.of("rejected /v2/shapes duplicate_token_header"), decisions.events);
        }

        @Test
        void v2ShapesRefusesAnExpiredToken() {
            assertRefused(get("/v2/shapes", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
            assertEquals(List.of("rejected /v2/shapes expired"), decisions.events);
        }

        @Test
        void v2ShapesRefusesATokenSignedWithAnotherSecret() {
            String forged = sign(HS256_HEADER, "{\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}",
                    "another-secret-another-secret-32".getBytes(StandardCharsets.US_ASCII));
            assertRefused(get("/v2/shapes", "Approov-Token", forged));
            assertEquals(List.of("rejected /v2/shapes bad_signature"), decisions.events);
        }

        @ParameterizedTest
        @ValueSource(strings = {"adasdasdsadasd", "a.b", "Bearer x.y.z", "eyJ.eyJ.sig="})
        void v2ShapesRefusesAMalformedToken(String token) {
            assertRefused(get("/v2/shapes", "Approov-Token", token));
            assertEquals(List.of("rejected /v2/shapes malformed_token"), decisions.events);
        }

        @Test
        void v2ShapesRefusesAValidTokenWithABearerPrefix() {
            assertRefused(get("/v2/shapes", "Approov-Token", "Bearer " + TOKENS.mint()));
        }

        @Test
        void v2ShapesRefusesAnotherAlgorithm() {
            String hs512 = sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                    "{\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}", TestSecret.SECRET);
            assertRefused(get("/v2/shapes", "Approov-Token", hs512));
            assertEquals(List.of("rejected /v2/shapes algorithm_not_allowed"), decisions.events);
        }

        @Test
        void v2ShapesRefusesATokenWithoutExp() {
            assertRefused(get("/v2/shapes", "Approov-Token", TOKENS.withoutClaim("exp").claim("iss", "api.example.com").mint()));
            assertEquals(List.of("rejected /v2/shapes missing_expiration"), decisions.events);
        }

        @Test
        void v2FormsAnswersATokenBoundToItsAuthorization() {
            assertForm(get("/v2/forms", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(), "Authorization", AUTHORIZATION));
            assertEquals(List.of("accepted /v2/forms"), decisions.events);
        }

        @Test
        void v2FormsRefusesAnotherAuthorization() {
            assertRefused(get("/v2/forms", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                    "Authorization", "Bearer fedcba9876543210"));
            assertEquals(List.of("rejected /v2/forms binding_mismatch"), decisions.events);
        }

        @Test
        void v2FormsBindsTheWholeHeaderValueSchemeIncluded() {
            assertRefused(get("/v2/forms", "Approov-Token", TOKENS.boundTo("0123456789abcdef").mint(), "Authorization", AUTHORIZATION));
            assertEquals(List.of("rejected /v2/forms binding_mismatch"), decisions.events);
        }

        @Test
        void v2FormsRefusesABoundTokenWithoutAuthorization() {
            assertRefused(get("/v2/forms", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint()));
            assertEquals(List.of("rejected /v2/forms missing_binding_header"), decisions.events);
        }

        @Test
        void v2FormsRefusesTwoAuthorizationLines() {
            assertRefused(get("/v2/forms", "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                    "Authorization", AUTHORIZATION, "Authorization", AUTHORIZATION));
            assertEquals(List.of("rejected /v2/forms duplicate_binding_header"), decisions.events);
        }

        @Test
        void v2FormsRefusesATokenWithoutPay() {
            assertRefused(get("/v2/forms", "Approov-Token", TOKENS.mint(), "Authorization", AUTHORIZATION));
            assertEquals(List.of("rejected /v2/forms missing_pay_claim"), decisions.events);
        }

        @Test
        void v2FormsJudgesTheTokenBeforeTheBinding() {
            String expiredButBound = TOKENS.expiresIn(Duration.ofSeconds(-60)).boundTo(AUTHORIZATION).mint();
            assertRefused(get("/v2/forms", "Approov-Token", expiredButBound, "Authorization", AUTHORIZATION));
            assertRefused(get("/v2/forms", "Authorization", AUTHORIZATION));
            assertEquals(List.of("rejected /v2/forms expired", "rejected /v2/forms missing_token"), decisions.events);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/v3/shapes", "/v2/shape", "/v2/shapes/extra", "/application.wadl", "/v1"})
        void unknownPathsAreNotFound(String path) {
            assertEquals(404, get(path, "Approov-Token", TOKENS.mint()).statusCode());
        }

        @Test
        void otherMethodsAreNotAllowed() {
            assertEquals(405, RawHttp.send(server.uri("/v1/shapes"), "POST").statusCode());
            assertEquals(405, RawHttp.send(server.uri("/v2/shapes"), "DELETE", "Approov-Token", TOKENS.mint()).statusCode());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MonitorMode {
        final Decisions decisions = new Decisions();
        JerseyServer server;

        @BeforeAll
        void start() {
            server = new JerseyServer(ShapesApi.application(ApproovFeature.builder(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                    .abortOnInvalidToken(false)
                    .abortOnInvalidBinding(false)
                    .build()).listener(decisions).build())).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        @BeforeEach
        void forget() {
            decisions.events.clear();
        }

        @Test
        void anInvalidTokenIsLoggedAndLetThrough() {
            assertShape(RawHttp.get(server.uri("/v2/shapes"), "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
            assertEquals(List.of("monitored /v2/shapes expired"), decisions.events);
        }

        @Test
        void aMismatchedBindingIsLoggedAndLetThrough() {
            assertForm(RawHttp.get(server.uri("/v2/forms"), "Approov-Token", TOKENS.boundTo(AUTHORIZATION).mint(),
                    "Authorization", "Bearer someone-else"));
            assertEquals(List.of("monitored /v2/forms binding_mismatch"), decisions.events);
        }

        @Test
        void aMissingTokenOnTheBoundEndpointLeavesTheBindingUnjudged() {
            assertForm(RawHttp.get(server.uri("/v2/forms"), "Authorization", AUTHORIZATION));
            assertEquals(List.of("monitored /v2/forms missing_token", "binding not checked /v2/forms"),
                    decisions.events);
        }
    }
}
