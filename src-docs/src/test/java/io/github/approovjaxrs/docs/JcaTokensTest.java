package io.github.approovjaxrs.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.TestTokens;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Minting test tokens with the JDK alone, as the walkthrough shows for readers without jose4j. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JcaTokensTest {

    static final byte[] SECRET = "a test secret, not the account's real one".getBytes(UTF_8);
    JerseyServer server;

    // snippet:mint-with-jca
    /** An HS256 token expiring at {@code expiresAt}, signed with {@code secret}, using the JDK alone. */
    static String token(byte[] secret, Instant expiresAt) throws GeneralSecurityException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = base64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
        String payload = base64url.encodeToString(("{\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes(UTF_8));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] signature = hmac.doFinal((header + "." + payload).getBytes(UTF_8));
        return header + "." + payload + "." + base64url.encodeToString(signature);
    }
    // end-snippet

    // snippet:pay-claim
    /** The pay claim that binds a token to a header value: base64(SHA-256(the whole value)). */
    static String pay(String authorization) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(UTF_8));
        return Base64.getEncoder().encodeToString(hash);
    }
    // end-snippet

    @BeforeAll
    void start() {
        ApproovConfig config = ApproovConfig.builder().secret(SECRET).build();
        server = new JerseyServer(new ResourceConfig(ShapesApi.class).register(ApproovFeature.create(config))).start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void aTokenMintedWithTheJdkIsAccepted() throws GeneralSecurityException {
        assertEquals(200, RawHttp.get(server.uri("shapes"), "Approov-Token",
                token(SECRET, Instant.now().plusSeconds(60))).statusCode());
    }

    @Test
    void anExpiredOneIsRefused() throws GeneralSecurityException {
        assertEquals(401, RawHttp.get(server.uri("shapes"), "Approov-Token",
                token(SECRET, Instant.now().minusSeconds(60))).statusCode());
    }

    @Test
    void thePayClaimIsStandardBase64OfTheSha256OfTheWholeValue() throws GeneralSecurityException {
        // The SHA-256 of no bytes is a published constant: e3b0c442...b855, here in standard base64.
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", pay(""));
        assertEquals(TestTokens.pay("Bearer 0123456789abcdef"), pay("Bearer 0123456789abcdef"));
    }

    @Test
    void aTokenBoundWithThatClaimPassesTheBoundEndpoint() throws GeneralSecurityException {
        String token = TestTokens.sign(TestTokens.HS256_HEADER, "{\"exp\":"
                + (Instant.now().getEpochSecond() + 60) + ",\"pay\":\"" + pay("Bearer abc") + "\"}", SECRET);
        assertEquals(200, RawHttp.get(server.uri("forms"), "Approov-Token", token,
                "Authorization", "Bearer abc").statusCode());
        assertEquals(401, RawHttp.get(server.uri("forms"), "Approov-Token", token,
                "Authorization", "Bearer abd").statusCode());
    }
}
