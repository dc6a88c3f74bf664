package io.github.approovjaxrs.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.testing.AppInstallation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough's Quarkus example, registered by {@link ApproovRegistration} with the secret in Quarkus's
 * configuration: claims read in a resource, a reactive endpoint, and signed endpoints with a body, which need
 * {@code @Blocking} for the filter to read the body on Quarkus REST.
 */
@QuarkusTest
@TestProfile(QuarkusExampleTest.Example.class)
class QuarkusExampleTest {

    static final AppInstallation DEVICE = AppInstallation.create();

    /** The example's registration and its secret, as application.properties would give it. */
    public static class Example implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("approov.example", "true", "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        }
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + "/" + path);
    }

    @Test
    void theResourceReadsTheClaimsThroughItsRequestContext() {
        assertEquals(401, RawHttp.get(uri("quarkus-orders")).statusCode());
        HttpResponse<String> response = RawHttp.get(uri("quarkus-orders"), "Approov-Token", TestSecret.TOKENS.deviceId("phone-1").mint());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("phone-1", response.body());
    }

    @Test
    void aReactiveEndpointIsCheckedToo() {
        assertEquals(401, RawHttp.get(uri("quarkus-orders/reactive")).statusCode());
        assertEquals("reactive", RawHttp.get(uri("quarkus-orders/reactive"), "Approov-Token", TestSecret.TOKENS.mint()).body());
    }

    @Test
    void aBlockingSignedEndpointChecksTheBodyDigest() {
        HttpResponse<String> signed = signedPost("quarkus-orders", "{\"shape\":\"circle\"}", "{\"shape\":\"circle\"}");
        assertEquals(200, signed.statusCode(), signed.body());
        assertEquals("ordered 18 bytes", signed.body());
        assertEquals(401, signedPost("quarkus-orders", "{\"shape\":\"circle\"}", "{\"shape\":\"square\"}").statusCode());
    }

    /**
     * Without {@code @Blocking}, Quarkus REST runs the filters on its event loop, where the body cannot be read
     * (blocking there is refused): the genuine signed request is refused too, as {@code message_body_unreadable}. It
     * fails closed; {@code @Blocking} on a signed endpoint that takes a body is what makes it work.
     */
    @Test
    void aNonBlockingSignedEndpointWithABodyFailsClosed() {
        assertEquals(401, signedPost("quarkus-orders/non-blocking", "{\"shape\":\"circle\"}", "{\"shape\":\"circle\"}").statusCode());
        assertEquals(401, signedPost("quarkus-orders/non-blocking", "{\"shape\":\"circle\"}", "{\"shape\":\"square\"}").statusCode());
    }

    /** POSTs {@code sent} to {@code path}, signed with its Content-Digest over {@code signedBody}. */
    private static HttpResponse<String> signedPost(String path, String signedBody, String sent) {
        String token = TestSecret.TOKENS.installationKey(DEVICE.publicKey()).mint();
        AppInstallation.RequestSigner signer = DEVICE.request("POST", uri(path)).header("Approov-Token", token)
                .body(signedBody.getBytes(StandardCharsets.UTF_8));
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        signer.sign().headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
        return RawHttp.send(uri(path), "POST", sent.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
    }
}
