package io.github.approovjaxrs.docs;

// snippet:jersey-test
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** The protected Shapes API in a real Jersey server, with tokens minted here from a test secret. */
class ShapesApiTest extends JerseyTest {

    /** Signs the test tokens; never your account's real secret. At least 32 bytes. */
    private static final byte[] SECRET = "a test secret, not the account's real one".getBytes(UTF_8);

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0"); // any free port
        ApproovConfig approov = ApproovConfig.builder().secret(SECRET).build();
        return new ResourceConfig(ShapesApi.class).register(ApproovFeature.create(approov));
    }

    @Test
    void shapesRefusesARequestWithoutAToken() {
        assertEquals(401, status("shapes"));
    }

    @Test
    void shapesAnswersAValidToken() throws Exception {
        assertEquals(200, status("shapes", "Approov-Token", token(Instant.now().plusSeconds(60), null)));
    }

    @Test
    void shapesRefusesAnExpiredToken() throws Exception {
        assertEquals(401, status("shapes", "Approov-Token", token(Instant.now().minusSeconds(60), null)));
    }

    @Test
    void formsNeedsATokenBoundToTheAuthorizationHeader() throws Exception {
        String token = token(Instant.now().plusSeconds(60), "Bearer user-1");
        assertEquals(200, status("forms", "Approov-Token", token, "Authorization", "Bearer user-1"));
        assertEquals(401, status("forms", "Approov-Token", token, "Authorization", "Bearer user-2"));
    }

    /** An HS256 token as Approov issues them; bound (its pay claim) to an Authorization value if given. */
    private static String token(Instant expiresAt, String boundTo) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        if (boundTo != null) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(boundTo.getBytes(UTF_8));
            claims.setStringClaim("pay", Base64.getEncoder().encodeToString(hash));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(SECRET));
        jws.setPayload(claims.toJson());
        return jws.getCompactSerialization();
    }

    /** The status of a GET of {@code path} with the given header names and values. */
    private int status(String path, String... headers) {
        Invocation.Builder request = target(path).request();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = request.get()) {
            return response.getStatus();
        }
    }
}
// end-snippet
