package io.github.approovjaxrs.shapes;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.shapes.ShapesApiTest.assertJson;
import static io.github.approovjaxrs.shapes.ShapesApiTest.assertRefused;
import static io.github.approovjaxrs.shapes.ShapesApiTest.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.AppInstallation;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /v5/shapes}: GET and POST with Approov installation message signatures, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedShapesTest {

    static final AppInstallation INSTALLATION = AppInstallation.create();
    static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    final ShapesApiTest.Decisions decisions = new ShapesApiTest.Decisions();
    JerseyServer server;

    @BeforeAll
    void start() {
        server = new JerseyServer(ShapesApi.application(ApproovFeature.builder(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).maxBodyBytes(32).build())
                .listener(decisions).build())).start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @BeforeEach
    void forget() {
        decisions.events.clear();
    }

    String token() {
        return TOKENS.expiresIn(Duration.ofMinutes(10)).installationKey(INSTALLATION.publicKey()).mint();
    }

    HttpResponse<String> send(SignedRequest signed, byte[] body) {
        List<String> headers = new ArrayList<>();
        signed.headers().forEach((name, value) -> {
            if (!name.equals("Content-Length")) { // java.net.http sets it, as curl does
                headers.add(name);
                headers.add(value);
            }
        });
        return RawHttp.send(signed.url(), signed.method(), body, headers.toArray(String[]::new));
    }

    SignedRequest sign(String method, byte[] body) {
        URI url = SignedRequest.normalized(server.uri("v5/shapes").toString());
        return SignedRequest.sign(INSTALLATION, method, url, "Approov-Token", token(), Map.of(), body,
                Instant.now(), 15);
    }

    @Test
    void aSignedGetGetsAShape() {
        assertShape(send(sign("GET", null), null));
        assertEquals(List.of("accepted /v5/shapes"), decisions.events);
    }

    @Test
    void aSignedPostGetsAShapeAndItsBodySize() {
        HttpResponse<String> response = send(sign("POST", BODY), BODY);
        assertJson(response, 200);
        assertTrue(response.body().matches("\\{\"shape\":\"\\w+\",\"bytes\":17}"), response.body());
    }

    @Test
    void anAlteredRequestIsRefused() {
        assertRefused(send(sign("POST", BODY), "{\"hello\":\"World\"}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(RawHttp.get(server.uri("v5/shapes"), "Approov-Token", token()));
        assertEquals(List.of("rejected /v5/shapes content_digest_mismatch", "rejected /v5/shapes missing_message_signature"),
                decisions.events);
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutADigest() {
        byte[] large = new byte[33];
        assertEquals(413, send(sign("POST", large), large).statusCode());
        SignedRequest signedWithoutBody = sign("POST", null);
        HttpResponse<String> counted = send(signedWithoutBody, large);
        assertEquals(413, counted.statusCode(), counted.body());
        assertEquals("{}", counted.body());
    }

    @Test
    void aFailOverTokenWithoutIpkStillGetsAShape() {
        assertShape(RawHttp.get(server.uri("v5/shapes"), "Approov-Token", TOKENS.mint()));
    }
}
