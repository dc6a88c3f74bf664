package io.github.approovjaxrs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tokens' exact bytes, against values computed here independently (published digests, RFC 7515's HS256
 * example, the JDK's own MAC and signature checks), never against the class under test.
 */
class ApproovTokensTest {

    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] SECRET = "a test secret, not the account's real one".getBytes(StandardCharsets.US_ASCII);

    /** Expected digests from {@code printf '%s' VALUE | openssl dgst -sha256 -binary | base64}. */
    @ParameterizedTest(name = "pay of \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''|47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "abc|ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
        "Bearer 0123456789abcdef|Yxoua6BLDKoxuHWULsYRuynf/cvKl6r6IiNG3vLrKw8=",
        "é|SplVfkAzw1Od4utlRyAXytX5VX96BiWgnxw/biumnEw="})
    void payIsStandardBase64OfTheSha256OfTheUtf8Value(String value, String expected) {
        assertEquals(expected, ApproovTokens.pay(value));
    }

    @Test
    void payOfSeveralValuesHashesThemConcatenatedWithoutSeparator() {
        assertEquals("ynoWAZyFqpR5Y7L02svA2DGSjlbuIUJioVpq2RDLboE=",
                ApproovTokens.pay("Bearer 0123456789abcdef", "session-1"));
        assertEquals(ApproovTokens.pay("abc"), ApproovTokens.pay("a", "", "bc"));
        assertThrows(IllegalArgumentException.class, ApproovTokens::pay);
    }

    @Test
    void theDummySecretIsTheSameInBothSpellings() {
        assertEquals(64, Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64).length);
        assertEquals(Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64URL)),
                ApproovTokens.DUMMY_SECRET_BASE64);
        ApproovTokens.Builder standard = ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64).clock(CLOCK).deviceId("d");
        ApproovTokens.Builder urlSafe = ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64URL).clock(CLOCK).deviceId("d");
        assertEquals(standard.mint(), urlSafe.mint());
    }

    @Test
    void anHs256TokenHasApproovsHeaderAndClaimsAndTheHmacOfItsSigningInput() throws Exception {
        String token = ApproovTokens.hs256(SECRET).clock(CLOCK).deviceId("ExampleDevice==").mint();
        String[] parts = token.split("\\.");
        // The well-known encoding of {"alg":"HS256","typ":"JWT"}.
        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", parts[0]);
        assertEquals("{\"exp\":1700003600,\"iat\":1700000000,\"did\":\"ExampleDevice==\",\"ip\":\"192.0.2.1\"}",
                decode(parts[1]));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), parts[2]);
    }

    @Test
    void rawSigningReproducesRfc7515sHs256Example() {
        // RFC 7515 Appendix A.1: exact header and payload bytes (with CR LF), the JWK's key, the compact JWS.
        byte[] header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] key = Base64.getUrlDecoder().decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        assertEquals("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", ApproovTokens.sign(header, payload, key));
        assertEquals(ApproovTokens.sign(header, payload, key), ApproovTokens.sign(new String(header, StandardCharsets.UTF_8),
                new String(payload, StandardCharsets.UTF_8), key));
    }

    @Test
    void aSecretInBase64WithoutPaddingOrWithMixedAlphabetsIsHandled() {
        String unpadded = ApproovTokens.DUMMY_SECRET_BASE64.replace("=", "");
        assertEquals(ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64).clock(CLOCK).deviceId("d").mint(),
                ApproovTokens.hs256(unpadded).clock(CLOCK).deviceId("d").mint());
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.hs256("ab+c-d"));
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.hs256(""));
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.hs256(new byte[0]));
    }

    @Test
    void expiredTokensExpiredAnHourAgoAndWereIssuedAnHourBefore() {
        String payload = payload(ApproovTokens.hs256(SECRET).clock(CLOCK).deviceId("d").expired().mint());
        assertTrue(payload.startsWith("{\"exp\":1699996400,\"iat\":1699992800,"), payload);
        String past = payload(ApproovTokens.hs256(SECRET).clock(CLOCK).deviceId("d")
                .expiresIn(Duration.ofSeconds(-10)).mint());
        assertTrue(past.startsWith("{\"exp\":1699999990,\"iat\":1699996390,"), past);
        String fixed = payload(ApproovTokens.hs256(SECRET).clock(CLOCK).deviceId("d")
                .issuedAt(NOW.minusSeconds(5)).expiresAt(NOW.plusSeconds(60)).mint());
        assertTrue(fixed.startsWith("{\"exp\":1700000060,\"iat\":1699999995,"), fixed);
    }

    @Test
    void claimsAreAddedReplacedAndLeftOutInOrder() {
        String payload = payload(ApproovTokens.hs256(SECRET).clock(CLOCK)
                .boundTo("Bearer 0123456789abcdef")
                .claim("aud", "api.example.com")
                .claim("n", 7)
                .claimJson("arr", "[\"a\",\"b\"]")
                .claim("ip", "198.51.100.7")
                .claim("q", "say \"hi\"\\\n")
                .withoutClaim("did")
                .withoutClaim("iat")
                .mint());
        assertEquals("{\"exp\":1700003600,\"ip\":\"198.51.100.7\",\"pay\":\"Yxoua6BLDKoxuHWULsYRuynf/cvKl6r6IiNG3vLrKw8=\","
                + "\"aud\":\"api.example.com\",\"n\":7,\"arr\":[\"a\",\"b\"],\"q\":\"say \\\"hi\\\"\\\\\\u000a\"}", payload);
    }

    @Test
    void aBuilderIsATemplateThatEachCallCopies() {
        ApproovTokens.Builder template = ApproovTokens.hs256(SECRET).clock(CLOCK);
        template.boundTo("x").keyId("k").expired();
        String plain = template.deviceId("d").mint();
        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", plain.substring(0, plain.indexOf('.')));
        assertFalse(payload(plain).contains("pay"));
        assertNotEquals(payload(template.mint()), payload(template.mint()), "a random device id for each token");
    }

    @Test
    void theKeyIdAndAnInstallationKeyAreWrittenAsApproovWritesThem() throws Exception {
        KeyPair device = TestKeys.ec("secp256r1");
        String token = ApproovTokens.hs256(SECRET).clock(CLOCK).keyId("key-\"1\"").installationKey(device.getPublic()).mint();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"key-\\\"1\\\"\"}", decode(token.split("\\.")[0]));
        String ipk = ApproovTokens.ipk(device.getPublic());
        assertTrue(payload(token).endsWith(",\"ipk\":\"" + ipk + "\"}"), payload(token));
        PublicKey decoded = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(ipk)));
        assertEquals(device.getPublic(), decoded);
        assertTrue(ipk.endsWith("="), "padded standard base64: " + ipk); // 91 bytes of DER
    }

    @Test
    void aWrongSignatureChangesOnlyTheSignature() {
        ApproovTokens.Builder tokens = ApproovTokens.hs256(SECRET).clock(CLOCK).deviceId("d");
        String genuine = tokens.mint();
        String forged = tokens.withWrongSignature().mint();
        assertEquals(genuine.substring(0, genuine.lastIndexOf('.')), forged.substring(0, forged.lastIndexOf('.')));
        assertNotEquals(genuine, forged);
        String respelled = tokens.headerJson("{\"typ\":\"JWT\",\"alg\":\"HS256\"}").mint();
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", decode(respelled.split("\\.")[0]));
        assertEquals(ApproovTokens.sign("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", payload(genuine), SECRET), respelled);
    }

    @Test
    void rs256Ps256AndEs256TokensVerifyUnderThePublicKeyAndWrongOnesDoNot() throws Exception {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        assertSignature("RS256", rsa, Signature.getInstance("SHA256withRSA"));
        assertSignature("PS256", rsa, pss);
        assertSignature("ES256", ec, Signature.getInstance("SHA256withECDSAinP1363Format"));
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.signedWith(ec.getPrivate(), "RS256"));
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.signedWith(rsa.getPrivate(), "ES256"));
        assertThrows(IllegalArgumentException.class,
                () -> ApproovTokens.signedWith(TestKeys.ec("secp384r1").getPrivate(), "ES256"));
        assertThrows(IllegalArgumentException.class, () -> ApproovTokens.signedWith(rsa.getPrivate(), "HS256"));
    }

    private static void assertSignature(String algorithm, KeyPair pair, Signature verifier) throws Exception {
        ApproovTokens.Builder tokens = ApproovTokens.signedWith(pair.getPrivate(), algorithm).clock(CLOCK).keyId("k");
        for (String token : new String[] {tokens.mint(), ApproovTokens.sign("{\"alg\":\"none\"}", "{}", pair.getPrivate(),
                algorithm)}) {
            assertTrue(verifies(token, pair.getPublic(), verifier), algorithm);
        }
        assertEquals("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":\"k\"}", decode(tokens.mint().split("\\.")[0]));
        assertFalse(verifies(tokens.withWrongSignature().mint(), pair.getPublic(), verifier), algorithm);
    }

    private static boolean verifies(String token, PublicKey key, Signature verifier) throws Exception {
        int dot = token.lastIndexOf('.');
        verifier.initVerify(key);
        verifier.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }

    static String payload(String token) {
        return decode(token.split("\\.")[1]);
    }

    static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }
}
