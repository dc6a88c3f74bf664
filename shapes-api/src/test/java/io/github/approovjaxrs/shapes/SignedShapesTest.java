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
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /v5/shapes}: GET and POST with Approov installation message signatures and, from a token without
 * {@code ipk} that names the account key ({@code mskid}), account signatures, over HTTP. The server has an
 * account message-signing key with the key id {@link #ACCOUNT_KEY_ID}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedShapesTest {

    static final AppInstallation INSTALLATION = AppInstallation.create();
    static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] ACCOUNT_KEY = "shapes-account-key-shapes-accoun".getBytes(StandardCharsets.US_ASCII);
    static final String ACCOUNT_KEY_ID = "msk-shapes";

    final ShapesApiTest.Decisions decisions = new ShapesApiTest.Decisions();
    JerseyServer server;

    @BeforeAll
    void start() {
        server = new JerseyServer(ShapesApi.application(ApproovFeature.builder(ApproovConfig.builder()
                .base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).maxBodyBytes(32)
                .accountMessageSigningSecretBase64Url(Base64.getUrlEncoder().withoutPadding().encodeToString(ACCOUNT_KEY))
                .accountMessageSigningKeyId(ACCOUNT_KEY_ID).build())
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
    void anOrderIsTakenOnceWith201AndTheSameSignedOrderAgainIsRefused() {
        URI url = SignedRequest.normalized(server.uri("v5/orders").toString());
        SignedRequest order = SignedRequest.sign(INSTALLATION, "POST", url, "Approov-Token", token(), Map.of(), BODY,
                Instant.now(), 15);
        HttpResponse<String> taken = send(order, BODY);
        assertJson(taken, 201);
        assertTrue(taken.body().matches("\\{\"ordered\":\"\\w+\",\"bytes\":17}"), taken.body());
        assertRefused(send(order, BODY));
        // A fail-over token (no ipk) signs nothing that could be proved new: refused on the single-use endpoint.
        assertRefused(RawHttp.send(server.uri("v5/orders"), "POST", BODY, "Approov-Token", TOKENS.mint()));
        assertEquals(List.of("accepted /v5/orders", "rejected /v5/orders replayed_message_signature",
                "rejected /v5/orders missing_installation_key"), decisions.events);
    }

    @Test
    void aFailOverTokenWithoutIpkStillGetsAShape() {
        assertShape(RawHttp.get(server.uri("v5/shapes"), "Approov-Token", TOKENS.mint()));
        assertEquals(List.of("accepted /v5/shapes"), decisions.events);
    }

    // ---- account signatures: a token without ipk that names the account key (mskid) ----

    String accountToken(String mskid) {
        return TOKENS.expiresIn(Duration.ofMinutes(10)).accountKeyId(mskid).mint();
    }

    SignedRequest accountSigned(String method, String path, byte[] body, byte[] key, String mskid, Instant created) {
        URI url = SignedRequest.normalized(server.uri(path).toString());
        return SignedRequest.sign(null, key, method, url, "Approov-Token", accountToken(mskid), Map.of(), body, created, 15);
    }

    SignedRequest accountSigned(String method, byte[] body) {
        return accountSigned(method, "v5/shapes", body, ACCOUNT_KEY, ACCOUNT_KEY_ID, Instant.now());
    }

    @Test
    void anAccountSignedGetAndPostGetAShape() {
        SignedRequest get = accountSigned("GET", null);
        assertTrue(get.headers().get("Signature").startsWith("account=:"), get.headers().toString());
        assertShape(send(get, null));
        HttpResponse<String> post = send(accountSigned("POST", BODY), BODY);
        assertJson(post, 200);
        assertTrue(post.body().matches("\\{\"shape\":\"\\w+\",\"bytes\":17}"), post.body());
        assertEquals(List.of("accepted /v5/shapes", "accepted /v5/shapes"), decisions.events);
    }

    @Test
    void aTokenThatNamesTheAccountKeyNeedsItsSignature() {
        assertRefused(RawHttp.get(server.uri("v5/shapes"), "Approov-Token", accountToken(ACCOUNT_KEY_ID)));
        assertEquals(List.of("rejected /v5/shapes missing_account_signature"), decisions.events);
    }

    @Test
    void everyWayToBreakAnAccountSignedRequestIsRefusedForItsOwnReason() {
        byte[] wrongKey = "not-the-account-key-not-the-acco".getBytes(StandardCharsets.US_ASCII);
        // Signed for /v5/forms, sent to /v5/shapes: the path the signature covers is not the one received.
        SignedRequest otherPath = accountSigned("GET", "v5/forms", null, ACCOUNT_KEY, ACCOUNT_KEY_ID, Instant.now());
        SignedRequest toShapes = new SignedRequest("GET", SignedRequest.normalized(server.uri("v5/shapes").toString()),
                otherPath.headers(), null);
        String token = accountToken(ACCOUNT_KEY_ID);
        MessageSignature ecdsaUnderAccount = MessageSignature.accountBuilder(ACCOUNT_KEY)
                .parameters(";alg=\"ecdsa-p256-sha256\";created=" + Instant.now().getEpochSecond() + ";expires="
                        + (Instant.now().getEpochSecond() + 15))
                .cover("@method", "GET").cover("@target-uri", SignedRequest.normalized(server.uri("v5/shapes").toString())
                        .toString()).cover("approov-token", token).sign();
        List<HttpResponse<String>> responses = List.of(
                send(accountSigned("GET", "v5/shapes", null, wrongKey, ACCOUNT_KEY_ID, Instant.now()), null),
                send(accountSigned("GET", "v5/shapes", null, ACCOUNT_KEY, "msk-other", Instant.now()), null),
                send(toShapes, null),
                send(accountSigned("POST", BODY), "{\"hello\":\"World\"}".getBytes(StandardCharsets.UTF_8)),
                RawHttp.get(server.uri("v5/shapes"), "Approov-Token", token, "Signature-Input",
                        ecdsaUnderAccount.signatureInput(), "Signature", ecdsaUnderAccount.signature()),
                send(accountSigned("GET", "v5/shapes", null, ACCOUNT_KEY, ACCOUNT_KEY_ID, Instant.now().minusSeconds(600)), null));
        responses.forEach(ShapesApiTest::assertRefused);
        assertEquals(List.of("rejected /v5/shapes bad_account_signature", "rejected /v5/shapes unknown_account_key_id",
                "rejected /v5/shapes bad_account_signature", "rejected /v5/shapes content_digest_mismatch",
                "rejected /v5/shapes account_signature_algorithm_not_allowed", "rejected /v5/shapes account_signature_expired"),
                decisions.events);
    }

    @Test
    void anInstallationSignatureThatFailsIsRefusedEvenBesideAGoodAccountSignature() {
        String token = TOKENS.expiresIn(Duration.ofMinutes(10)).installationKey(INSTALLATION.publicKey())
                .accountKeyId(ACCOUNT_KEY_ID).mint();
        URI url = SignedRequest.normalized(server.uri("v5/shapes").toString());
        SignedRequest both = SignedRequest.sign(INSTALLATION, ACCOUNT_KEY, "POST", url, "Approov-Token", token, Map.of(),
                BODY, Instant.now(), 15);
        assertJson(send(both, BODY), 200);
        SignedRequest otherDevice = SignedRequest.sign(AppInstallation.create(), ACCOUNT_KEY, "POST", url, "Approov-Token",
                token, Map.of(), BODY, Instant.now(), 15);
        assertRefused(send(otherDevice, BODY));
        assertEquals(List.of("accepted /v5/shapes", "rejected /v5/shapes bad_message_signature"), decisions.events);
    }
}
