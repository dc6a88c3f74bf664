package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check service's contract, over HTTP, as any engine sees it: the policy by path, 200 with no body or 401
 * with the core's answer (never a 5xx), the original request read from the headers the engines set, the
 * headers an allowed answer carries. What each engine sends is replayed in {@code EnvoyContractTest},
 * {@code TraefikContractTest} and, with the real NGINX and Caddy, in {@code ProxiesIT}.
 */
class CheckServiceTest {

    static final String AUTHORIZATION = "Bearer 0123456789abcdef";
    static final List<String> HEARD = new CopyOnWriteArrayList<>();
    static TestCheckService service;

    /** What the core's listeners hear: the decision, the original method and path. */
    static final ApproovListener RECORDER = new ApproovListener() {
        @Override
        public void accepted(ApproovRequest request, ApproovClaims claims) {
            HEARD.add("accepted " + request.method() + " " + request.path());
        }

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            HEARD.add("rejected " + request.method() + " " + request.path() + " " + failure.code());
        }
    };

    @BeforeAll
    static void start() {
        service = TestCheckService.start(RECORDER);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void forget() {
        HEARD.clear();
    }

    static RawHttp1.Answer check(String method, String target, String... headerLines) {
        return RawHttp1.send(service.base(), method, target, headerLines);
    }

    static void assertAllowed(RawHttp1.Answer answer) {
        assertEquals(200, answer.status(), answer.statusLine() + " " + answer.bodyText());
        assertEquals(List.of("0"), answer.header("Content-Length"));
        assertEquals(0, answer.body().length);
        assertEquals(List.of(), answer.header("Content-Type"));
    }

    static void assertDenied(RawHttp1.Answer answer) {
        assertEquals(401, answer.status(), answer.statusLine());
        assertEquals(List.of("Approov"), answer.header("WWW-Authenticate"));
        assertEquals(List.of("application/json"), answer.header("Content-Type"));
        assertEquals("{}", answer.bodyText());
        assertEquals(List.of(), answer.header(CheckHandler.ENVOY_HEADERS_TO_REMOVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"})
    void anyMethodOnAPolicysPathIsAllowedWith200AndNoBody(String method) {
        RawHttp1.Answer answer = check(method, "/approov/check/token", "Approov-Token: " + TOKENS.mint());

        assertAllowed(answer);
        assertEquals(List.of("approov-token"), answer.header(CheckHandler.ENVOY_HEADERS_TO_REMOVE));
        assertEquals(List.of("accepted " + method + " /"), HEARD);
    }

    @Test
    void aRequestWithoutAValidTokenIsDeniedWithTheCoresAnswer() {
        assertDenied(check("GET", "/approov/check/token"));
        assertDenied(check("GET", "/approov/check/token", "Approov-Token: " + TOKENS.expired().mint()));
        assertDenied(check("POST", "/approov/check/token", "Approov-Token: " + TOKENS.withWrongSignature().mint()));
        assertEquals(List.of("rejected GET / missing_token", "rejected GET / expired", "rejected POST / bad_signature"),
                HEARD);
    }

    /** Envoy takes a 5xx for a failure of the check, and with failure_mode_allow lets the request through. */
    @ParameterizedTest
    @ValueSource(strings = {"", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "é.é.é", "\u0001\u0002", "{}", "%00",
        "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.AAAA", "Bearer x"})
    void noTokenEverMakesItAnswerA5xx(String token) {
        assertDenied(RawHttp1.send(service.base(), "GET /approov/check/token HTTP/1.1\r\nHost: x\r\nConnection: close"
                + "\r\nApproov-Token: " + token, new byte[0]));
        assertDenied(check("GET", "/approov/check/token-binding", "Approov-Token: " + token,
                "Approov-Token: " + TOKENS.mint(), "Authorization: " + token));
        assertDenied(check("GET", "/approov/check/signed", "Approov-Token: " + "x".repeat(6000) + token));
    }

    @Test
    void tokenBindingRequiresTheTokenBoundToAuthorization() {
        String bound = TOKENS.boundTo(AUTHORIZATION).mint();

        assertAllowed(check("GET", "/approov/check/token-binding", "Approov-Token: " + bound,
                "Authorization: " + AUTHORIZATION));
        assertDenied(check("GET", "/approov/check/token-binding", "Approov-Token: " + bound,
                "Authorization: Bearer another"));
        assertDenied(check("GET", "/approov/check/token-binding", "Approov-Token: " + bound));
        assertDenied(check("GET", "/approov/check/token-binding", "Approov-Token: " + TOKENS.mint(),
                "Authorization: " + AUTHORIZATION));
        assertAllowed(check("GET", "/approov/check/token", "Approov-Token: " + bound,
                "Authorization: Bearer another"));
    }

    /**
     * Bound to several headers, as Approov's current quickstarts bind {@code /token-double-binding}: every listed
     * header once and non-empty, {@code pay} over their values concatenated in the listed order.
     */
    @Test
    void tokenBindingBindsTheTokenToEveryConfiguredHeaderInOrder() {
        String digest = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";
        String both = TOKENS.boundTo(AUTHORIZATION, digest).mint();
        String path = "/approov/check/token-binding";
        try (TestCheckService doubleBound = TestCheckService.start(RECORDER, "APPROOV_TOKEN_BINDING_HEADER_NAME",
                "Authorization, Content-Digest")) {
            assertAllowed(RawHttp1.send(doubleBound.base(), "GET", path, "Approov-Token: " + both,
                    "Authorization: " + AUTHORIZATION, "Content-Digest: " + digest));
            assertAllowed(RawHttp1.send(doubleBound.base(), "GET", path, "Content-Digest: " + digest,
                    "Approov-Token: " + both, "Authorization: " + AUTHORIZATION, "SessionId: extra"));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path, "Approov-Token: " + both,
                    "Authorization: " + AUTHORIZATION));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path, "Approov-Token: " + both,
                    "Authorization: " + AUTHORIZATION, "Content-Digest: " + digest, "Content-Digest: " + digest));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path, "Approov-Token: " + both,
                    "Authorization: " + AUTHORIZATION, "Content-Digest: sha-256=:AAAA:"));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path,
                    "Approov-Token: " + TOKENS.boundTo(digest, AUTHORIZATION).mint(),
                    "Authorization: " + AUTHORIZATION, "Content-Digest: " + digest));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path,
                    "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint(),
                    "Authorization: " + AUTHORIZATION, "Content-Digest: " + digest));
            assertDenied(RawHttp1.send(doubleBound.base(), "GET", path, "Approov-Token: " + TOKENS.mint(),
                    "Authorization: " + AUTHORIZATION, "Content-Digest: " + digest));
            assertAllowed(RawHttp1.send(doubleBound.base(), "GET", "/approov/check/token", "Approov-Token: " + both));
        }
        assertEquals(List.of("accepted GET /", "accepted GET /", "rejected GET / missing_binding_header",
                "rejected GET / duplicate_binding_header", "rejected GET / binding_mismatch",
                "rejected GET / binding_mismatch", "rejected GET / binding_mismatch", "rejected GET / missing_pay_claim",
                "accepted GET /"), HEARD);
    }

    @Test
    void thePathTheProxyCallsChoosesThePolicyNeverTheForwardedUri() {
        String token = TOKENS.mint();

        assertDenied(check("GET", "/approov/check/token-binding", "Approov-Token: " + token,
                "X-Original-URI: /v1/shapes", "X-Forwarded-Uri: /v1/shapes"));
        assertAllowed(check("GET", "/approov/check/token", "Approov-Token: " + token, "X-Original-URI: /v1/forms",
                "X-Forwarded-Uri: /approov/check/token-binding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/approov/check", "/approov/check/", "/approov/check/tokens",
        "/approov/check/Token", "/approov/checks/token", "/approov/check/token-bindingx", "/approov/check/%74oken",
        "/v1/shapes"})
    void anyOtherPathIs404SoThatAWrongConfigurationShows(String path) {
        RawHttp1.Answer answer = check("GET", path, "Approov-Token: " + TOKENS.mint());

        assertEquals(404, answer.status(), path);
        assertEquals("{\"error\":\"not_found\"}", answer.bodyText());
        assertEquals(List.of(), HEARD, "not a check");
    }

    @Test
    void theOriginalRequestIsReadFromXForwardedThenXOriginalThenTheCheckRequestItself() {
        String token = "Approov-Token: " + TOKENS.mint();

        check("GET", "/approov/check/token", token, "X-Forwarded-Method: PUT", "X-Forwarded-Uri: /forwarded?a=1",
                "X-Original-Method: POST", "X-Original-URI: /original");
        check("GET", "/approov/check/token", token, "X-Original-Method: POST", "X-Original-URI: /original");
        check("GET", "/approov/check/token", token, "X-Forwarded-Method: PUT", "X-Original-URI: /original");
        check("DELETE", "/approov/check/token/envoy/path?q=1", token);
        check("PATCH", "/approov/check/token", token);
        check("GET", "/approov/check/token", token, "X-Forwarded-Uri: http://api.example.com/absolute?x",
                "X-Forwarded-Method: PUT");

        assertEquals(List.of("accepted PUT /forwarded", "accepted POST /original", "accepted GET /original",
                "accepted DELETE /envoy/path", "accepted PATCH /", "accepted PUT /absolute"), HEARD);
    }

    @Test
    void whatAURICannotHoldIsEncodedNotRefused() {
        check("GET", "/approov/check/token", "Approov-Token: " + TOKENS.mint(),
                "X-Original-URI: /a b/\"c\"/{d}|é#frag?x=[1]");

        assertEquals(List.of("accepted GET /a%20b/%22c%22/%7Bd%7D%7C%C3%A9%23frag"), HEARD);
    }

    @Test
    void anAmbiguousOrInvalidDescriptionIsDeniedWithoutBeingJudged() {
        String token = "Approov-Token: " + TOKENS.mint();

        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Uri: /a", "X-Forwarded-Uri: /b"));
        assertDenied(check("GET", "/approov/check/token", token, "X-Original-URI: /a", "X-Original-Method: GET",
                "X-Original-Method: POST"));
        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Uri: /a", "X-Forwarded-Method: G\tE T"));
        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Uri: /a",
                "X-Forwarded-Method: " + "A".repeat(33)));
        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Host: evil.example/path"));
        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Host: a", "X-Forwarded-Host: b"));
        assertDenied(check("GET", "/approov/check/token", token, "X-Forwarded-Host: user@evil.example"));
        assertEquals(List.of(), HEARD);
        assertAllowed(check("GET", "/approov/check/token", token, "X-Forwarded-Host: api.example.com:8443"));
    }

    @Test
    void connectIsRefusedAsItCannotBeServed() {
        RawHttp1.Answer answer = check("CONNECT", "api.example.com:443");

        assertEquals(405, answer.status());
    }

    @Test
    void anAllowedAnswerCarriesTheVerifiedDeviceIdAlwaysWhenConfigured() {
        try (TestCheckService withDeviceId = TestCheckService.start("APPROOV_DEVICE_ID_HEADER", "Approov-Device-Id",
                "APPROOV_STRIP_TOKEN_HEADER", "false")) {
            RawHttp1.Answer known = RawHttp1.send(withDeviceId.base(), "GET", "/approov/check/token",
                    "Approov-Token: " + TOKENS.deviceId("device-1").mint(), "Approov-Device-Id: forged");
            assertAllowed(known);
            assertEquals(List.of("device-1"), known.header("Approov-Device-Id"));
            assertEquals(List.of(), known.header(CheckHandler.ENVOY_HEADERS_TO_REMOVE), "the token is kept");

            for (String token : List.of(TOKENS.withoutClaim("did").mint(), TOKENS.deviceId("a b").mint(),
                    TOKENS.deviceId("x".repeat(129)).mint())) {
                RawHttp1.Answer unknown = RawHttp1.send(withDeviceId.base(), "GET", "/approov/check/token",
                        "Approov-Token: " + token);
                assertAllowed(unknown);
                assertEquals(List.of(""), unknown.header("Approov-Device-Id"), "present, so that no proxy keeps a"
                        + " client's copy");
            }
            assertEquals(List.of(), RawHttp1.send(withDeviceId.base(), "GET", "/approov/check/token")
                    .header("Approov-Device-Id"));
        }
    }

    @Test
    void inMonitorModeABadTokenIsLetThroughWithoutClaims() {
        try (TestCheckService monitoring = TestCheckService.start("APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false",
                "APPROOV_DEVICE_ID_HEADER", "Approov-Device-Id")) {
            RawHttp1.Answer answer = RawHttp1.send(monitoring.base(), "GET", "/approov/check/token",
                    "Approov-Token: " + TOKENS.deviceId("device-1").withWrongSignature().mint());

            assertAllowed(answer);
            assertEquals(List.of(""), answer.header("Approov-Device-Id"));
        }
    }

    @Test
    void whenTheEngineSendsNoBodyASignatureIsCheckedAndTheDigestLeftToTheOrigin() {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        byte[] body = "{\"order\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = device.request("POST", URI.create("https://api.example.com/v5/orders?id=7"))
                .header("Approov-Token", token).header("Content-Length", String.valueOf(body.length))
                .header("Content-Type", "application/json").body(body).sign().headers();
        List<String> asNginxSendsIt = new ArrayList<>(List.of("Approov-Token: " + token,
                "Content-Type: application/json", "X-Original-Content-Length: " + body.length,
                "X-Forwarded-Proto: https", "X-Forwarded-Host: api.example.com", "X-Original-Method: POST"));
        signed.forEach((name, value) -> asNginxSendsIt.add(name + ": " + value));

        assertAllowed(check("GET", "/approov/check/signed", with(asNginxSendsIt, "X-Original-URI: /v5/orders?id=7")));
        assertDenied(check("GET", "/approov/check/signed", with(asNginxSendsIt, "X-Original-URI: /v5/orders?id=8")));
        List<String> otherLength = new ArrayList<>(List.of(with(asNginxSendsIt, "X-Original-URI: /v5/orders?id=7")));
        otherLength.set(2, "X-Original-Content-Length: " + (body.length + 1));
        assertDenied(check("GET", "/approov/check/signed", otherLength.toArray(String[]::new)));
        assertEquals(List.of("accepted POST /v5/orders", "rejected POST /v5/orders bad_message_signature",
                "rejected POST /v5/orders bad_message_signature"), HEARD);
    }

    @Test
    void whenTheEngineSendsTheBodyItsDigestIsCompared() {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        byte[] body = "{\"order\":1}".getBytes(StandardCharsets.UTF_8);
        MessageSignature signature = device.request("POST", URI.create("http://api.example.com/v5/orders"))
                .header("Approov-Token", token).header("Content-Length", String.valueOf(body.length)).body(body).sign();
        StringBuilder head = new StringBuilder("POST /approov/check/signed/v5/orders HTTP/1.1\r\nHost: api.example.com"
                + "\r\nConnection: close\r\nApproov-Token: " + token + "\r\nContent-Length: " + body.length);
        signature.headers().forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));

        assertAllowed(RawHttp1.send(service.base(), head.toString(), body));
        byte[] other = "{\"order\":2}".getBytes(StandardCharsets.UTF_8);
        assertDenied(RawHttp1.send(service.base(), head.toString(), other));
        assertEquals(List.of("accepted POST /v5/orders", "rejected POST /v5/orders content_digest_mismatch"), HEARD);
    }

    @Test
    void theSingleUsePolicyLetsASignedRequestThroughOnce() {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        String[] asNginxSendsIt = asNginxSendsIt(device, token, "/v5/orders?id=9");

        assertAllowed(check("GET", "/approov/check/signed-single-use", asNginxSendsIt));
        assertDenied(check("GET", "/approov/check/signed-single-use", asNginxSendsIt));
        // The signed policy does not remember: it still lets the same request through.
        assertAllowed(check("GET", "/approov/check/signed", asNginxSendsIt));
        assertDenied(check("GET", "/approov/check/signed-single-use", "Approov-Token: " + TOKENS.mint(),
                "X-Original-Method: POST", "X-Original-URI: /v5/orders"));
        assertEquals(List.of("accepted POST /v5/orders", "rejected POST /v5/orders replayed_message_signature",
                "accepted POST /v5/orders", "rejected POST /v5/orders missing_installation_key"), HEARD);
    }

    @Test
    void whenTheReplayStoreCannotAnswerTheSingleUsePolicyAnswersTheCores503() {
        ReplayStore down = new ReplayStore() {
            @Override
            public Outcome firstUse(byte[] key, java.time.Duration ttl) {
                return Outcome.UNAVAILABLE;
            }

            @Override
            public String describe() {
                return "down";
            }
        };
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        try (TestCheckService storeDown = TestCheckService.start(RECORDER, down)) {
            RawHttp1.Answer answer = RawHttp1.send(storeDown.base(), "GET", "/approov/check/signed-single-use",
                    asNginxSendsIt(device, token, "/v5/orders"));
            assertEquals(503, answer.status(), answer.statusLine());
            assertEquals(List.of("1"), answer.header("Retry-After"));
            assertEquals(List.of("application/json"), answer.header("Content-Type"));
            assertEquals("{}", answer.bodyText());
            assertEquals(List.of(), answer.header("WWW-Authenticate"));
            assertAllowed(RawHttp1.send(storeDown.base(), "GET", "/approov/check/signed",
                    asNginxSendsIt(device, token, "/v5/orders")));
        }
        assertEquals(List.of("rejected POST /v5/orders replay_store_unavailable", "accepted POST /v5/orders"), HEARD);
    }

    /** A signed POST of {@code target} described as NGINX describes it to the check (headers only). */
    private static String[] asNginxSendsIt(AppInstallation device, String token, String target) {
        byte[] body = "{\"order\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = device.request("POST", URI.create("https://api.example.com" + target))
                .header("Approov-Token", token).header("Content-Length", String.valueOf(body.length))
                .header("Content-Type", "application/json").body(body).sign().headers();
        List<String> lines = new ArrayList<>(List.of("Approov-Token: " + token, "Content-Type: application/json",
                "X-Original-Content-Length: " + body.length, "X-Forwarded-Proto: https",
                "X-Forwarded-Host: api.example.com", "X-Original-Method: POST", "X-Original-URI: " + target));
        signed.forEach((name, value) -> lines.add(name + ": " + value));
        return lines.toArray(String[]::new);
    }

    private static String[] with(List<String> lines, String line) {
        List<String> all = new ArrayList<>(lines);
        all.add(line);
        return all.toArray(String[]::new);
    }
}
