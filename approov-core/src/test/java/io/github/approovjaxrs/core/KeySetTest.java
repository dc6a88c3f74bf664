package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ApproovFailure.ALGORITHM_NOT_ALLOWED;
import static io.github.approovjaxrs.core.ApproovFailure.AUDIENCE_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.BAD_SIGNATURE;
import static io.github.approovjaxrs.testing.ApproovTokens.b64url;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;
import static io.github.approovjaxrs.testing.TestKeys.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key sets (issue 7): secret rotation, RS256/PS256/ES256, kid selection, algorithm confusion, weak keys. */
class KeySetTest {

    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String CLAIMS = "{\"exp\":" + (NOW + 300) + "}";
    static final byte[] OLD = "old-secret-old-secret-old-secret".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NEW = "new-secret-new-secret-new-secret".getBytes(StandardCharsets.US_ASCII);
    static final KeyPair RSA = TestKeys.rsa(2048);
    static final KeyPair OTHER_RSA = TestKeys.rsa(2048);
    static final KeyPair EC = TestKeys.ec("secp256r1");
    static final KeyPair OTHER_EC = TestKeys.ec("secp256r1");

    static ApproovVerifier verifier(UnaryOperator<ApproovConfig.Builder> keys) {
        return ApproovVerifier.create(keys.apply(ApproovConfig.builder().loggingEnabled(false).clock(CLOCK)).build());
    }

    static String hs(String kid, byte[] secret) {
        return sign("{\"alg\":\"HS256\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}", CLAIMS, secret);
    }

    static String asym(String alg, String kid, KeyPair pair) {
        return sign("{\"alg\":\"" + alg + "\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}",
                CLAIMS, pair.getPrivate(), alg);
    }

    static String outcome(ApproovVerifier verifier, String token) {
        return verifier.verifyToken(token).failure().map(ApproovFailure::code).orElse("accepted");
    }

    @Test
    void rotationAcceptsOldAndNewSecretsWithOrWithoutKeyIds() {
        ApproovVerifier both = verifier(c -> c.addSecret("old", OLD).addSecret("new", NEW));
        for (String token : List.of(hs("old", OLD), hs("new", NEW), hs(null, OLD), hs(null, NEW))) {
            assertEquals("accepted", outcome(both, token));
            assertEquals("accepted", outcome(both, token), "again, from the cache");
        }
    }

    @Test
    void removedSecretIsRejected() {
        ApproovVerifier newOnly = verifier(c -> c.addSecret("new", NEW));
        assertEquals("bad_signature", outcome(newOnly, hs("old", OLD)));
        assertEquals("bad_signature", outcome(newOnly, hs(null, OLD)));
        assertEquals("accepted", outcome(newOnly, hs("new", NEW)));
    }

    @Test
    void knownKeyIdSelectsThatKeyAlone() {
        ApproovVerifier both = verifier(c -> c.addSecret("old", OLD).addSecret("new", NEW));
        assertEquals("bad_signature", outcome(both, hs("new", OLD)), "signed with old, claims to be new");
    }

    @Test
    void unknownKeyIdFallsBackToTheKeysOfItsAlgorithm() {
        ApproovVerifier both = verifier(c -> c.addSecret("old", OLD).addSecret("new", NEW));
        assertEquals("accepted", outcome(both, hs("unknown", NEW)));
        assertEquals("accepted", outcome(both, hs("../../etc/passwd", OLD)));
        assertEquals("bad_signature", outcome(both, hs("unknown", new byte[32])));
        ApproovVerifier plain = verifier(c -> c.secret(OLD));
        assertEquals("accepted", outcome(plain, hs("approov-kid", OLD)), "the default config ignores kid (T9)");
    }

    @Test
    void keyIdOfAnotherAlgorithmIsRefused() {
        ApproovVerifier mixed = verifier(c -> c.addSecret("hmac", OLD).addPublicKey(null, "rsa", RSA.getPublic()));
        assertEquals("algorithm_not_allowed", outcome(mixed, hs("rsa", OLD)));
        assertEquals("algorithm_not_allowed", outcome(mixed, asym("RS256", "hmac", RSA)));
        assertEquals("accepted", outcome(mixed, asym("RS256", "rsa", RSA)));
        assertEquals("accepted", outcome(mixed, hs("hmac", OLD)));
    }

    @Test
    void asymmetricAlgorithmsVerifyWithTheirPublicKeys() {
        ApproovVerifier verifier = verifier(c -> c.addPublicKey("RS256", "r", RSA.getPublic())
                .addPublicKey("PS256", "p", OTHER_RSA.getPublic()).addPublicKey(null, "e", EC.getPublic()));
        assertEquals("accepted", outcome(verifier, asym("RS256", "r", RSA)));
        assertEquals("accepted", outcome(verifier, asym("RS256", null, RSA)));
        assertEquals("accepted", outcome(verifier, asym("PS256", "p", OTHER_RSA)));
        assertEquals("accepted", outcome(verifier, asym("ES256", "e", EC)));
        assertEquals("accepted", outcome(verifier, asym("ES256", null, EC)));
        assertEquals("bad_signature", outcome(verifier, asym("ES256", null, OTHER_EC)));
        assertEquals("bad_signature", outcome(verifier, asym("RS256", null, OTHER_RSA)), "RS256 key is RSA only");
        assertEquals("algorithm_not_allowed", outcome(verifier, asym("PS256", "r", RSA)), "r is an RS256 key");
        assertEquals("algorithm_not_allowed", outcome(verifier, hs(null, OLD)), "no HS256 key configured");
    }

    @Test
    void publicKeyCanNeverServeAsAnHmacSecret() {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        List<byte[]> confusions = List.of(pem(rsa).getBytes(StandardCharsets.US_ASCII), rsa.getEncoded(),
                rsa.getModulus().toByteArray(), EC.getPublic().getEncoded(),
                pem(EC.getPublic()).getBytes(StandardCharsets.US_ASCII));
        ApproovVerifier publicOnly = verifier(c -> c.addPublicKey(null, null, rsa).addPublicKey(null, null, EC.getPublic()));
        ApproovVerifier mixed = verifier(c -> c.secret(OLD).addPublicKey(null, null, rsa));
        for (byte[] secret : confusions) {
            assertEquals("algorithm_not_allowed", outcome(publicOnly, hs(null, secret)));
            assertEquals("bad_signature", outcome(mixed, hs(null, secret)));
        }
    }

    @Test
    void psychicAndMalformedEcdsaSignaturesAreRejected() {
        ApproovVerifier verifier = verifier(c -> c.addPublicKey(null, null, EC.getPublic()));
        String signingInput = b64url("{\"alg\":\"ES256\"}") + "." + b64url(CLAIMS);
        byte[] n = VerificationKey.P256_ORDER.toByteArray(); // 33 bytes, leading zero
        byte[] order = Arrays.copyOfRange(n, n.length - 32, n.length);
        byte[] nPlusOne = Arrays.copyOfRange(VerificationKey.P256_ORDER.add(BigInteger.ONE).toByteArray(), 1, 33);
        byte[] one = new byte[32];
        one[31] = 1;
        for (byte[][] rs : new byte[][][] {{new byte[32], new byte[32]}, {one, new byte[32]}, {new byte[32], one},
            {order, one}, {one, order}, {nPlusOne, one}, {one, nPlusOne}}) {
            byte[] signature = new byte[64];
            System.arraycopy(rs[0], 0, signature, 0, 32);
            System.arraycopy(rs[1], 0, signature, 32, 32);
            assertEquals("bad_signature", outcome(verifier, signingInput + "." + b64url(signature)));
        }
        String valid = asym("ES256", null, EC);
        String signature = valid.substring(valid.lastIndexOf('.') + 1);
        byte[] der = Base64.getUrlDecoder().decode(signature);
        assertEquals("bad_signature", outcome(verifier, valid.substring(0, valid.lastIndexOf('.') + 1)
                + b64url(Arrays.copyOf(der, 63))), "63-byte signature");
        assertEquals("accepted", outcome(verifier, valid));
    }

    @Test
    void signatureRangeCheckRefusesZeroAndTheGroupOrder() {
        byte[] signature = new byte[64];
        assertFalse(KeySet.inSignatureRange(signature, 0), "r = 0");
        signature[63] = 1;
        assertTrue(KeySet.inSignatureRange(signature, 32), "s = 1");
        byte[] n = VerificationKey.P256_ORDER.toByteArray();
        System.arraycopy(n, n.length - 32, signature, 0, 32);
        assertFalse(KeySet.inSignatureRange(signature, 0), "r = n");
        signature[31]--;
        assertTrue(KeySet.inSignatureRange(signature, 0), "r = n - 1");
    }

    @Test
    void rsaSignatureOfTheWrongLengthIsRejected() {
        ApproovVerifier verifier = verifier(c -> c.addPublicKey(null, null, RSA.getPublic()));
        String valid = asym("RS256", null, RSA);
        byte[] signature = Base64.getUrlDecoder().decode(valid.substring(valid.lastIndexOf('.') + 1));
        String prefix = valid.substring(0, valid.lastIndexOf('.') + 1);
        assertEquals("bad_signature", outcome(verifier, prefix + b64url(Arrays.copyOf(signature, 255))));
        byte[] longer = new byte[257];
        System.arraycopy(signature, 0, longer, 1, 256);
        assertEquals("bad_signature", outcome(verifier, prefix + b64url(longer)), "leading zero byte added");
        assertEquals("accepted", outcome(verifier, valid));
    }

    @Test
    void expectedAudienceAppliesToEveryAlgorithm() {
        ApproovVerifier verifier = verifier(c -> c.addPublicKey(null, null, RSA.getPublic()).secret(OLD)
                .expectedAudience("shapes.example.com"));
        String withAudience = "{\"exp\":" + (NOW + 300) + ",\"aud\":[\"shapes.example.com\"]}";
        assertEquals("accepted", outcome(verifier, sign("{\"alg\":\"RS256\"}", withAudience,
                RSA.getPrivate(), "RS256")));
        assertEquals(AUDIENCE_MISMATCH.code(), outcome(verifier, asym("RS256", null, RSA)));
        assertEquals(AUDIENCE_MISMATCH.code(), outcome(verifier, hs(null, OLD)));
        assertEquals("accepted", outcome(verifier, sign("{\"alg\":\"HS256\"}", withAudience, OLD)));
    }

    /**
     * The second opinion on every token the strict checks accept: jose4j's JWS layer must agree, each key
     * with its one algorithm. The strict checks refuse all of these first; this is what stands behind them.
     */
    @Test
    void jose4jIndependentlyRefusesWhatTheStrictChecksWouldRefuse() throws Exception {
        KeySet keys = new KeySet(List.of(VerificationKey.secret(null, OLD), VerificationKey.publicKey(null, null,
                RSA.getPublic()), VerificationKey.publicKey(null, null, EC.getPublic())));
        KeySet.Entry hmac = keys.candidates("HS256", null).get(0);
        KeySet.Entry rsa = keys.candidates("RS256", null).get(0);
        KeySet.Entry ec = keys.candidates("ES256", null).get(0);
        assertEquals(null, hmac.jose4jRefusal(hs(null, OLD)));
        assertEquals(null, rsa.jose4jRefusal(asym("RS256", null, RSA)));
        assertEquals(null, ec.jose4jRefusal(asym("ES256", null, EC)));

        assertEquals("signature not verified", hmac.jose4jRefusal(hs(null, NEW)));
        assertEquals("signature not verified", rsa.jose4jRefusal(asym("RS256", null, OTHER_RSA)));
        assertEquals("signature not verified", ec.jose4jRefusal(asym("ES256", null, OTHER_EC)));
        // Each key admits its own algorithm only, whatever the token says.
        assertNotNull(hmac.jose4jRefusal(sign("{\"alg\":\"HS512\"}", CLAIMS, OLD)));
        assertNotNull(rsa.jose4jRefusal(asym("PS256", null, RSA)));
        assertNotNull(hmac.jose4jRefusal(sign("{\"alg\":\"none\"}", CLAIMS, OLD)));
        // Processing instructions it does not understand, and shapes that are no compact JWS.
        assertNotNull(hmac.jose4jRefusal(sign("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", CLAIMS, OLD)));
        assertNotNull(hmac.jose4jRefusal(hs(null, OLD) + ".AAAA.AAAA"));
        assertNotNull(hmac.jose4jRefusal("not a token"));
    }

    @Test
    void weakOrUnsuitableKeysStopStartUp() {
        Map<String, UnaryOperator<ApproovConfig.Builder>> refusals = Map.of(
                "RSA keys must have at least 2048 bits", c -> c.addPublicKey(null, null, TestKeys.rsa(1024).getPublic()),
                "ES256 needs an EC public key on the P-256 curve", c -> c.addPublicKey(null, null, TestKeys.ec("secp384r1").getPublic()),
                "an RSA key can verify RS256 or PS256, not ES256", c -> c.addPublicKey("ES256", null, RSA.getPublic()),
                "an EC key can verify ES256, not RS256", c -> c.addPublicKey("RS256", null, EC.getPublic()),
                "an HS256 secret must be at least 32 bytes", c -> c.addSecret("k", new byte[31]),
                "key ids must be unique", c -> c.addSecret("k", OLD).addSecret("k", NEW),
                "holds a private key", c -> c.addPublicKeyPem(null, null,
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
                "no PEM block found", c -> c.addPublicKeyPem(null, null, "not a pem"));
        refusals.forEach((expected, keys) -> {
            ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                    () -> keys.apply(ApproovConfig.builder()).build(), expected);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        });
    }

    @Test
    void jwksKeysAreTypedAndSafe() {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        String rsaJwk = "{\"kty\":\"RSA\",\"kid\":\"r\",\"alg\":\"RS256\",\"n\":\"" + b64url(unsigned(rsa.getModulus()))
                + "\",\"e\":\"" + b64url(unsigned(rsa.getPublicExponent())) + "\"}";
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        String ecJwk = "{\"kty\":\"EC\",\"kid\":\"e\",\"crv\":\"P-256\",\"x\":\"" + b64url(fixed(ec.getW().getAffineX()))
                + "\",\"y\":\"" + b64url(fixed(ec.getW().getAffineY())) + "\"}";
        String octJwk = "{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"" + b64url(OLD) + "\"}";
        ApproovVerifier verifier = verifier(c -> c.jwks("{\"keys\":[" + rsaJwk + "," + ecJwk + "," + octJwk + "]}"));
        assertEquals("accepted", outcome(verifier, asym("RS256", "r", RSA)));
        assertEquals("accepted", outcome(verifier, asym("ES256", "e", EC)));
        assertEquals("accepted", outcome(verifier, hs("h", OLD)));
        assertEquals("algorithm_not_allowed", outcome(verifier, asym("PS256", null, RSA)));

        Map<String, String> refusals = Map.of(
                "must name its alg", "{\"keys\":[" + rsaJwk.replace(",\"alg\":\"RS256\"", "") + "]}",
                "use=enc", "{\"keys\":[" + octJwk.replace("}", ",\"use\":\"enc\"}") + "]}",
                "only HS256 is supported for symmetric keys", "{\"keys\":[" + octJwk.replace("}", ",\"alg\":\"HS512\"}") + "]}",
                "private key material", "{\"keys\":[" + ecJwk.replace("}", ",\"d\":\"" + b64url(new byte[32]) + "\"}") + "]}",
                "not a JWKS document", "[1,2]",
                "holds no keys", "{\"keys\":[]}");
        refusals.forEach((expected, json) -> {
            ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                    () -> ApproovConfig.builder().jwks(json).build(), expected);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.getMessage().contains(b64url(OLD)), "no key material in: " + e.getMessage());
        });
    }

    @Test
    void environmentConfiguresEveryKeySource(@TempDir Path dir) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"j\",\"k\":\"" + b64url(NEW) + "\"}]}");
        Path pemFile = dir.resolve("ec.pem");
        Files.writeString(pemFile, pem(EC.getPublic()));
        String base64 = Base64.getEncoder().encodeToString(OLD);
        ApproovConfig config = ApproovConfig.fromEnvironment(Map.of(
                "APPROOV_BASE64_SECRETS", "old:" + base64 + " , " + Base64.getEncoder().encodeToString(NEW),
                "APPROOV_JWKS_FILE", jwks.toString(),
                "APPROOV_PUBLIC_KEY_PEM", pemFile.toString(),
                "APPROOV_PUBLIC_KEY_ID", "ec-1")::get);
        assertEquals(List.of("HS256 kid=old (32-byte secret)", "HS256 (32-byte secret)", "HS256 kid=j (32-byte secret)",
                "ES256 kid=ec-1 (P-256)"), config.keys().stream().map(VerificationKey::describe).toList());
        ApproovVerifier verifier = ApproovVerifier.create(ApproovConfig.fromEnvironment(Map.of(
                "APPROOV_PUBLIC_KEY_PEM", pem(RSA.getPublic()).replace("\n", "\\n"),
                "APPROOV_PUBLIC_KEY_ALGORITHM", "ps256")::get));
        assertEquals("accepted", verifier.verifyToken(sign("{\"alg\":\"PS256\"}",
                "{\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}", RSA.getPrivate(), "PS256")).failure()
                .map(ApproovFailure::code).orElse("accepted"), "PEM text with escaped newlines");
    }

    @Test
    void environmentKeyProblemsNameTheVariableNotTheKey(@TempDir Path dir) {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[16]);
        List<List<String>> cases = List.of(
                List.of("APPROOV_BASE64_SECRETS", "a:" + Base64.getEncoder().encodeToString(OLD) + ",b:" + shortSecret,
                        "APPROOV_BASE64_SECRETS entry #2"),
                List.of("APPROOV_BASE64_SECRETS", "a:not-base64", "APPROOV_BASE64_SECRETS entry #1 is not valid base64"),
                List.of("APPROOV_JWKS_FILE", dir.resolve("absent.json").toString(), "APPROOV_JWKS_FILE: cannot read"),
                List.of("APPROOV_PUBLIC_KEY_PEM", dir.resolve("absent.pem").toString(), "APPROOV_PUBLIC_KEY_PEM: cannot read"));
        for (List<String> c : cases) {
            ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                    () -> ApproovConfig.fromEnvironment(Map.of(c.get(0), c.get(1))::get));
            assertTrue(e.getMessage().contains(c.get(2)), e.getMessage());
            assertFalse(e.getMessage().contains(shortSecret), e.getMessage());
            assertFalse(e.getMessage().contains("is not set"), "a bad key is not a missing key: " + e.getMessage());
        }
    }

    @Test
    void toStringDescribesKeysWithoutMaterial() {
        String text = ApproovConfig.builder().secret(OLD).addPublicKey(null, "r", RSA.getPublic()).build().toString();
        assertTrue(text.contains("keys=[HS256 (32-byte secret), RS256 kid=r (2048-bit RSA)]"), text);
        assertFalse(text.contains(b64url(OLD)) || text.contains(Base64.getEncoder().encodeToString(OLD)), text);
    }

    @Test
    void badSignatureOnAnyKeyNeverFallsThroughToAnotherAlgorithm() {
        // An RS256-labelled token whose "signature" is an HMAC with the configured secret.
        ApproovVerifier mixed = verifier(c -> c.secret(OLD).addPublicKey(null, null, RSA.getPublic()));
        String forged = sign("{\"alg\":\"RS256\"}", CLAIMS, OLD);
        assertEquals(BAD_SIGNATURE.code(), outcome(mixed, forged));
        assertEquals(ALGORITHM_NOT_ALLOWED.code(), outcome(mixed, sign("{\"alg\":\"HS512\"}", CLAIMS, OLD)));
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static byte[] fixed(BigInteger coordinate) {
        byte[] bytes = unsigned(coordinate);
        byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }
}
