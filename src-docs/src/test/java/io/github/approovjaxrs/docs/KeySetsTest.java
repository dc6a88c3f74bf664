package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static io.github.approovjaxrs.testing.ApproovTokens.HS256_HEADER;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import org.glassfish.jersey.server.ResourceConfig;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several secrets, public keys, a JWKS file: each configuration of the walkthrough, over HTTP. */
class KeySetsTest {

    static final KeyPair RSA = TestKeys.rsa(2048);
    static final KeyPair EC = TestKeys.ec("secp256r1");
    static final byte[] NEXT_SECRET = "the next account secret, 32 bytes+".getBytes(StandardCharsets.US_ASCII);

    static String payload() {
        return "{\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}";
    }

    static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
    }

    static void serving(ApproovConfig config, Consumer<JerseyServer> check) {
        JerseyServer server = new JerseyServer(new ResourceConfig(ShapesApi.class)
                .register(ApproovFeature.create(config))).start();
        try {
            check.accept(server);
        } finally {
            server.stop();
        }
    }

    static HttpResponse<String> shapes(JerseyServer server, String token) {
        return RawHttp.get(server.uri("shapes"), "Approov-Token", token);
    }

    @Test
    void duringARotationBothSecretsVerifyAndAKidNamesOne() {
        ApproovConfig config = KeySets.rotation(TestSecret.SECRET_BASE64, Base64.getEncoder().encodeToString(NEXT_SECRET));
        serving(config, server -> {
            assertOk(shapes(server, sign(HS256_HEADER, payload(), TestSecret.SECRET)));
            assertOk(shapes(server, sign(HS256_HEADER, payload(), NEXT_SECRET)));
            assertOk(shapes(server, sign(header("HS256", "next"), payload(), NEXT_SECRET)));
            // A kid that names a configured key selects that key alone.
            assertRefused(shapes(server, sign(header("HS256", "next"), payload(), TestSecret.SECRET)));
            // A kid that names no configured key falls back to every key of the token's algorithm.
            assertOk(shapes(server, sign(header("HS256", "2025-old"), payload(), TestSecret.SECRET)));
            assertRefused(shapes(server, sign(HS256_HEADER, payload(), new byte[32])));
        });
    }

    @Test
    void publicKeysVerifyRs256AndEs256TokensAndNothingElse() {
        ApproovConfig config = KeySets.publicKeys(TestKeys.pem(RSA.getPublic()), TestKeys.pem(EC.getPublic()));
        serving(config, server -> {
            assertOk(shapes(server, sign(header("RS256", "rsa-1"), payload(), RSA.getPrivate(), "RS256")));
            assertOk(shapes(server, sign(header("RS256", null), payload(), RSA.getPrivate(), "RS256")));
            assertOk(shapes(server, sign(header("ES256", "ec-1"), payload(), EC.getPrivate(), "ES256")));
            assertOk(shapes(server, sign(header("ES256", null), payload(), EC.getPrivate(), "ES256")));
            // Each key is bound to one algorithm: the RSA key was configured for RS256, not PS256.
            assertRefused(shapes(server, sign(header("PS256", null), payload(), RSA.getPrivate(), "PS256")));
            // No secret is configured, so no HS256 token passes, whatever it is signed with.
            assertRefused(shapes(server, sign(HS256_HEADER, payload(), TestSecret.SECRET)));
            // A kid naming the EC key with an RSA signature is refused.
            assertRefused(shapes(server, sign(header("RS256", "ec-1"), payload(), RSA.getPrivate(), "RS256")));
        });
    }

    @Test
    void aJwksFileBringsItsKeysAndTheirAlgorithms(@TempDir Path directory) throws IOException, JoseException {
        PublicJsonWebKey rsa = PublicJsonWebKey.Factory.newPublicJwk(RSA.getPublic());
        rsa.setKeyId("rsa-1");
        rsa.setAlgorithm("PS256");
        PublicJsonWebKey ec = PublicJsonWebKey.Factory.newPublicJwk(EC.getPublic());
        ec.setKeyId("ec-1");
        Path jwksFile = Files.writeString(directory.resolve("approov.jwks"), new JsonWebKeySet(rsa, ec).toJson());
        serving(KeySets.jwks(jwksFile), server -> {
            assertOk(shapes(server, sign(header("PS256", "rsa-1"), payload(), RSA.getPrivate(), "PS256")));
            assertOk(shapes(server, sign(header("ES256", "ec-1"), payload(), EC.getPrivate(), "ES256")));
            assertRefused(shapes(server, sign(header("RS256", "rsa-1"), payload(), RSA.getPrivate(), "RS256")));
        });
    }
}
