package io.github.approovjaxrs.docs;

// snippet:signed-jersey-test
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.junit.jupiter.api.Test;

/** The signed order endpoint in a real Jersey server, with requests signed here as the Approov SDK signs. */
class SignedOrdersTest extends JerseyTest {

    /** Signs the test tokens; never your account's real secret. At least 32 bytes. */
    private static final byte[] SECRET = "a test secret, not the account's real one".getBytes(UTF_8);
    private static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(SECRET);
    private static final byte[] ORDER = "{\"shape\":\"Circle\",\"quantity\":2}".getBytes(UTF_8);

    /** The app on one device: its key pair, whose public key Approov puts in the device's tokens (ipk). */
    private final AppInstallation device = AppInstallation.create();

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0"); // any free port
        ApproovConfig approov = ApproovConfig.builder().secret(SECRET).build();
        return new ResourceConfig(OrderResource.class).register(ApproovFeature.create(approov));
    }

    @Test
    void anOrderSignedByTheDeviceWhoseKeyIsInTheTokenIsAccepted() {
        String token = TOKENS.installationKey(device.publicKey()).mint();
        assertEquals("201 {\"status\":\"accepted\",\"bytes\":31}", post(ORDER, token, signature(token, ORDER)));
    }

    @Test
    void anOrderWhoseBodyWasChangedAfterSigningIsRefused() {
        String token = TOKENS.installationKey(device.publicKey()).mint();
        byte[] changed = "{\"shape\":\"Circle\",\"quantity\":9}".getBytes(UTF_8);
        assertEquals("401 {}", post(changed, token, signature(token, ORDER)));
    }

    @Test
    void aTokenLiftedFromTrafficIsRefusedWithoutTheDevicesSignature() {
        assertEquals("401 {}", post(ORDER, TOKENS.installationKey(device.publicKey()).mint(), Map.of()));
        String anotherDevicesToken = TOKENS.installationKey(AppInstallation.create().publicKey()).mint();
        assertEquals("401 {}", post(ORDER, anotherDevicesToken, signature(anotherDevicesToken, ORDER)));
    }

    @Test
    void aTokenWithoutIpkPassesAsTokenOnlyAndTheResourceKnows() {
        assertEquals("201 {\"status\":\"held for review\",\"bytes\":31}", post(ORDER, TOKENS.mint(), Map.of()));
    }

    /**
     * What the device adds to a POST of {@code body} to /orders: Content-Digest, Signature-Input, Signature.
     * Sign exactly the URI the client calls.
     */
    private Map<String, String> signature(String token, byte[] body) {
        return device.request("POST", target("orders").getUri())
                .header("Approov-Token", token)
                .body(body)
                .sign()
                .headers();
    }

    /** POSTs {@code body} as JSON to /orders with the token and signature headers; "status body". */
    private String post(byte[] body, String token, Map<String, String> signature) {
        Invocation.Builder request = target("orders").request().header("Approov-Token", token);
        signature.forEach(request::header);
        try (Response response = request.post(Entity.json(body))) {
            return response.getStatus() + " " + response.readEntity(String.class);
        }
    }
}
// end-snippet
