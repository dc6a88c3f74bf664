package io.github.approovjaxrs.docs;

// snippet:signed-jersey-test
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** The signed order endpoint in a real Jersey server, with requests signed here as the Approov SDK signs. */
class SignedOrdersTest extends JerseyTest {

    /** Signs the test tokens; never your account's real secret. At least 32 bytes. */
    private static final byte[] SECRET = "a test secret, not the account's real one".getBytes(UTF_8);
    private static final byte[] ORDER = "{\"shape\":\"Circle\",\"quantity\":2}".getBytes(UTF_8);

    private final TestDevice device = new TestDevice();

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0"); // any free port
        ApproovConfig approov = ApproovConfig.builder().secret(SECRET).build();
        return new ResourceConfig(OrderResource.class).register(ApproovFeature.create(approov));
    }

    @Test
    void anOrderSignedByTheDeviceWhoseKeyIsInTheTokenIsAccepted() throws Exception {
        String token = token(device.ipk());
        Map<String, String> signature = device.sign("POST", target("orders").getUri(),
                Map.of("Approov-Token", token), ORDER);
        assertEquals("201 {\"status\":\"accepted\",\"bytes\":31}", post(ORDER, token, signature));
    }

    @Test
    void anOrderWhoseBodyWasChangedAfterSigningIsRefused() throws Exception {
        String token = token(device.ipk());
        byte[] changed = "{\"shape\":\"Circle\",\"quantity\":9}".getBytes(UTF_8);
        Map<String, String> signature = device.sign("POST", target("orders").getUri(),
                Map.of("Approov-Token", token), ORDER);
        assertEquals("401 {}", post(changed, token, signature));
    }

    @Test
    void aTokenLiftedFromTrafficIsRefusedWithoutTheDevicesSignature() throws Exception {
        assertEquals("401 {}", post(ORDER, token(device.ipk()), Map.of()));
        String anotherDevicesToken = token(new TestDevice().ipk());
        Map<String, String> signature = device.sign("POST", target("orders").getUri(),
                Map.of("Approov-Token", anotherDevicesToken), ORDER);
        assertEquals("401 {}", post(ORDER, anotherDevicesToken, signature));
    }

    @Test
    void aTokenWithoutIpkPassesAsTokenOnlyAndTheResourceKnows() throws Exception {
        assertEquals("201 {\"status\":\"held for review\",\"bytes\":31}", post(ORDER, token(null), Map.of()));
    }

    /** An HS256 token valid for a minute, carrying the device's key as ipk if given. */
    private static String token(String ipk) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(60).getEpochSecond()));
        if (ipk != null) {
            claims.setStringClaim("ipk", ipk);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(SECRET));
        jws.setPayload(claims.toJson());
        return jws.getCompactSerialization();
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
