package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.GatewayJarIT.GATEWAY_JAR;
import static io.github.approovjaxrs.gateway.GatewayJarIT.SHAPES_API_JAR;
import static io.github.approovjaxrs.gateway.GatewayJarIT.SHAPES_LISTENING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.gateway.GatewayJarIT.RunningJar;
import io.github.approovjaxrs.gateway.RunningProxy.Engine;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real NGINX and Caddy (Debian's packages), each with its file under {@code deploy/}, asking the check
 * service's jar ({@code --check --demo}, as the README starts it) about each request, in front of the
 * Shapes API's jar or of an upstream that records what reaches it. Everything on loopback, on free ports.
 */
class ProxiesIT {

    static final Pattern CHECK_LISTENING = Pattern.compile("^Approov check service listening on (http://\\S+/)$");
    static final String AUTHORIZATION = "Bearer 0123456789abcdef";
    /** The demo's tokens: the check service and the Shapes API both fall back to the dummy secret. */
    static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64);

    @TempDir
    static Path jars;
    static RunningJar shapes;
    static RunningJar check;
    static URI api;
    static URI checkService;
    static RecordingUpstream recording;

    @BeforeAll
    static void startTheJars() throws Exception {
        shapes = RunningJar.start(SHAPES_API_JAR, jars.resolve("."), List.of(), List.of(), Map.of());
        check = RunningJar.start(GATEWAY_JAR, jars.resolve("."), List.of(), List.of("--check", "--demo"),
                Map.of("APPROOV_DEVICE_ID_HEADER", "Approov-Device-Id"));
        api = shapes.awaitUrl(SHAPES_LISTENING);
        checkService = check.awaitUrl(CHECK_LISTENING);
        recording = new RecordingUpstream();
    }

    @AfterAll
    static void stopThem() {
        recording.close();
        check.close();
        shapes.close();
    }

    static RawHttp1.Answer get(RunningProxy proxy, String target, String... headerLines) {
        return RawHttp1.send(proxy.uri(), "GET", target, headerLines);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theShapesApisOpenEndpointsNeedAValidTokenAndFormsItsBinding(Engine engine, @TempDir Path directory)
            throws Exception {
        String token = "Approov-Token: " + TOKENS.mint();
        String bound = "Approov-Token: " + TOKENS.boundTo(AUTHORIZATION).mint();
        assertEquals(200, RawHttp1.send(api, "GET", "/v1/shapes").status(), "open on the Shapes API itself");
        try (RunningProxy proxy = RunningProxy.start(engine, checkService, api, directory)) {
            RawHttp1.Answer refused = get(proxy, "/v1/shapes");
            assertEquals(401, refused.status(), proxy.output());
            assertEquals("{}", refused.bodyText());
            assertEquals(List.of("Approov"), refused.header("WWW-Authenticate"));
            assertEquals(401, get(proxy, "/v1/shapes", "Approov-Token: " + TOKENS.withWrongSignature().mint()).status());
            assertEquals(401, get(proxy, "/v1/hello", "Approov-Token: " + TOKENS.expired().mint()).status());

            RawHttp1.Answer shape = get(proxy, "/v1/shapes", token);
            assertEquals(200, shape.status());
            assertTrue(shape.bodyText().matches("\\{\"shape\":\"(Circle|Triangle|Square|Rectangle)\"}"),
                    shape.bodyText());
            assertEquals(200, get(proxy, "/v1/hello", token).status());

            assertEquals(200, get(proxy, "/v1/forms", bound, "Authorization: " + AUTHORIZATION).status());
            assertEquals(401, get(proxy, "/v1/forms", bound, "Authorization: Bearer fedcba9876543210").status());
            assertEquals(401, get(proxy, "/v1/forms", bound).status());
            assertEquals(401, get(proxy, "/v1/forms", token, "Authorization: " + AUTHORIZATION).status());
            assertEquals(401, get(proxy, "/v1/%66orms", token, "Authorization: " + AUTHORIZATION).status(),
                    "the bound prefix, however spelled");

            // The token is removed on the way, so the Shapes API's own check on /v2 refuses it.
            assertEquals(401, get(proxy, "/v2/shapes", token).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theUpstreamGetsNeitherTheTokenNorAClientsDeviceIdButTheVerifiedOne(Engine engine, @TempDir Path directory)
            throws Exception {
        recording.reset();
        try (RunningProxy proxy = RunningProxy.start(engine, checkService, recording.uri(), directory)) {
            assertEquals(200, get(proxy, "/v1/shapes?x=1", "Approov-Token: " + TOKENS.deviceId("device-1").mint(),
                    "Approov-Device-Id: forged", "Authorization: " + AUTHORIZATION).status(), proxy.output());
            assertEquals(200, get(proxy, "/v1/forms", "Approov-Token: " + TOKENS.withoutClaim("did")
                    .boundTo(AUTHORIZATION).mint(), "Approov-Device-Id: forged", "Authorization: " + AUTHORIZATION)
                    .status());
            assertEquals(401, get(proxy, "/v1/shapes", "Approov-Token: " + TOKENS.expired().mint()).status());

            List<RecordingUpstream.Received> received = recording.received();
            assertEquals(2, received.size(), "a refused request never reaches the upstream");
            assertEquals("/v1/shapes", received.get(0).rawPath());
            assertEquals("x=1", received.get(0).rawQuery());
            for (RecordingUpstream.Received request : received) {
                assertFalse(request.hasHeader("Approov-Token"), "the token header reached the upstream");
                assertEquals(List.of(AUTHORIZATION), request.header("Authorization"));
            }
            assertEquals(List.of("device-1"), received.get(0).header("Approov-Device-Id"));
            assertTrue(received.get(1).header("Approov-Device-Id").stream().allMatch(String::isEmpty),
                    "a client's device id reached the upstream: " + received.get(1).header("Approov-Device-Id"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void signedRequestsAreCheckedByTheProxyAndTheirBodyByTheApiBehind(Engine engine, @TempDir Path directory)
            throws Exception {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        try (RunningProxy proxy = RunningProxy.start(engine, checkService, api, directory)) {
            URI shapes = proxy.uri().resolve("/v5/shapes");
            assertEquals(200, signed(proxy, device, "GET", shapes, token, null, null).status(), proxy.output());
            assertEquals(401, signed(proxy, device, "GET", shapes, token, null, "/v5/shapes?other").status());

            byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
            RawHttp1.Answer posted = signed(proxy, device, "POST", shapes, token, body, null);
            assertEquals(200, posted.status(), posted.bodyText());
            assertTrue(posted.bodyText().contains("\"bytes\":" + body.length), posted.bodyText());
        }
    }

    /**
     * {@code POST /v5/orders} goes through the single-use policy: the signed order reaches the API once; the very
     * same request again is refused by the check service and never reaches it.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSignedOrderIsLetThroughOnce(Engine engine, @TempDir Path directory) throws Exception {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        byte[] body = ("{\"order\":\"" + engine + "\"}").getBytes(StandardCharsets.UTF_8);
        recording.reset();
        try (RunningProxy proxy = RunningProxy.start(engine, checkService, recording.uri(), directory)) {
            URI orders = proxy.uri().resolve("/v5/orders");
            AppInstallation.RequestSigner signer = device.request("POST", orders).header("Approov-Token", token)
                    .header("Content-Type", "application/json").header("Content-Length", String.valueOf(body.length))
                    .body(body);
            String head = "POST /v5/orders HTTP/1.1\r\nHost: " + orders.getAuthority() + "\r\nConnection: close"
                    + "\r\nApproov-Token: " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + signer.sign().headers().entrySet().stream()
                    .map(header -> "\r\n" + header.getKey() + ": " + header.getValue()).reduce("", String::concat);

            assertEquals(200, RawHttp1.send(proxy.uri(), head, body).status(), proxy.output());
            RawHttp1.Answer replayed = RawHttp1.send(proxy.uri(), head, body);
            assertEquals(401, replayed.status());
            assertEquals("{}", replayed.bodyText());
            assertEquals(1, recording.received().size(), "the replay never reached the upstream");
        }
    }

    /**
     * The forwarded headers are trusted only because the proxy sets them: a client that sends its own, to pass
     * off a request signed for one URI as one for another, is refused, and nothing reaches the upstream.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClientsForwardedHeadersCannotChangeTheDecision(Engine engine, @TempDir Path directory) throws Exception {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        recording.reset();
        try (RunningProxy proxy = RunningProxy.start(engine, checkService, recording.uri(), directory)) {
            URI signedFor = proxy.uri().resolve("/v5/orders?id=1");
            String[] spoofed = {"X-Forwarded-Uri: /v5/orders?id=1", "X-Original-URI: /v5/orders?id=1",
                "X-Forwarded-Method: GET", "X-Original-Method: GET", "X-Forwarded-Host: " + proxy.uri().getAuthority(),
                "X-Forwarded-Proto: http"};

            assertEquals(401, signed(proxy, device, "GET", signedFor, token, null, "/v5/orders?id=2", spoofed).status());
            assertEquals(401, signed(proxy, device, "GET", signedFor, token, null, "/v5/other?id=1", spoofed).status());
            assertEquals(List.of(), recording.received(), "a request reached the upstream");

            assertEquals(200, signed(proxy, device, "GET", signedFor, token, null, null, spoofed).status(), proxy.output());
            assertEquals(1, recording.received().size());
        }
    }

    /**
     * A request signed by {@code device} for {@code method} and {@code uri}, sent through {@code proxy} to
     * {@code sentTarget} (null: the signed one), plus {@code extraLines}.
     */
    static RawHttp1.Answer signed(RunningProxy proxy, AppInstallation device, String method, URI uri, String token,
            byte[] body, String sentTarget, String... extraLines) {
        AppInstallation.RequestSigner signer = device.request(method, uri).header("Approov-Token", token);
        if (body != null) {
            signer.header("Content-Type", "application/json").header("Content-Length", String.valueOf(body.length))
                    .body(body);
        }
        StringBuilder head = new StringBuilder(method + " " + (sentTarget != null ? sentTarget : uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())) + " HTTP/1.1\r\nHost: "
                + uri.getAuthority() + "\r\nConnection: close\r\nApproov-Token: " + token);
        if (body != null) {
            head.append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length);
        }
        signer.sign().headers().forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        for (String line : extraLines) {
            head.append("\r\n").append(line);
        }
        return RawHttp1.send(proxy.uri(), head.toString(), body == null ? new byte[0] : body);
    }
}
