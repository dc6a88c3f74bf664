package io.github.approovjaxrs.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests signed as Approov's SDK signs them: the exact signature base, and signatures the JDK verifies. */
class AppInstallationTest {

    static final URI TARGET = URI.create("https://api.example.com/v5/shapes?size=2&x=%2F");
    static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000);
    /** RFC 9530's example body, and its Content-Digest as the RFC prints it. */
    static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
    static final String BODY_DIGEST = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";

    final AppInstallation device = AppInstallation.create();

    @Test
    void aPostIsSignedOverWhatTheSdkCoversInItsOrder() throws Exception {
        MessageSignature signed = device.request("POST", TARGET)
                .header("X-Other", "not covered")
                .header("Content-Type", "application/json")
                .header("Authorization", "  Bearer 0123456789abcdef ")
                .header("Approov-Token", "token.value.here")
                .body(BODY)
                .created(CREATED)
                .sign();
        String parameters = "(\"@method\" \"@target-uri\" \"approov-token\" \"authorization\" \"content-type\""
                + " \"content-digest\");alg=\"ecdsa-p256-sha256\";created=1700000000;expires=1700000015";
        assertEquals("\"@method\": POST\n"
                + "\"@target-uri\": https://api.example.com/v5/shapes?size=2&x=%2F\n"
                + "\"approov-token\": token.value.here\n"
                + "\"authorization\": Bearer 0123456789abcdef\n"
                + "\"content-type\": application/json\n"
                + "\"content-digest\": " + BODY_DIGEST + "\n"
                + "\"@signature-params\": " + parameters, signed.base());
        assertEquals("install=" + parameters, signed.signatureInput());
        assertEquals(List.of("Content-Digest", "Signature-Input", "Signature"), List.copyOf(signed.headers().keySet()));
        assertEquals(BODY_DIGEST, signed.headers().get("Content-Digest"));
        assertTrue(verifies(signed, device.publicKey()));
        assertFalse(verifies(signed, AppInstallation.create().publicKey()));
    }

    @Test
    void theAccountSignatureCoversTheSameComponentsWithAnHmacOfTheAccountKey() throws Exception {
        byte[] accountKey = "account-key-account-key-account!".getBytes(StandardCharsets.US_ASCII);
        AppInstallation.RequestSigner request = device.request("POST", TARGET).header("Approov-Token", "token.value.here")
                .header("Content-Type", "application/json").body(BODY).created(CREATED);
        MessageSignature install = request.sign();
        MessageSignature account = request.signWithAccountKey(accountKey);
        String parameters = "(\"@method\" \"@target-uri\" \"approov-token\" \"content-type\" \"content-digest\")"
                + ";alg=\"hmac-sha256\";created=1700000000;expires=1700000015";
        assertEquals("account", account.label());
        assertEquals("account=" + parameters, account.signatureInput());
        assertEquals(install.base().replace("ecdsa-p256-sha256", "hmac-sha256"), account.base());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(accountKey, "HmacSHA256"));
        byte[] expected = mac.doFinal(account.base().getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, account.bytes());
        assertEquals("account=:" + Base64.getEncoder().encodeToString(expected) + ":", account.signature());
        assertEquals("account=\"" + Base64.getEncoder().encodeToString(expected) + "\"", account.signatureAsString());

        Map<String, String> both = MessageSignature.combinedHeaders(install, account);
        assertEquals(List.of("Content-Digest", "Signature-Input", "Signature"), List.copyOf(both.keySet()));
        assertEquals(BODY_DIGEST, both.get("Content-Digest"));
        assertEquals(install.signatureInput() + ", " + account.signatureInput(), both.get("Signature-Input"));
        assertEquals(install.signature() + ", " + account.signature(), both.get("Signature"));
        assertEquals(account.headers(), MessageSignature.combinedHeaders(account));
    }

    @Test
    void aGetWithoutBodyCoversTheTokenUnderItsOwnHeaderName() {
        MessageSignature signed = device.request("GET", URI.create("http://127.0.0.1:8002/v5/shapes"))
                .tokenHeader("X-App-Token")
                .header("x-app-token", "t")
                .header("Content-Length", "0")
                .created(CREATED)
                .lifetime(Duration.ofMinutes(5))
                .sign();
        assertEquals("install=(\"@method\" \"@target-uri\" \"x-app-token\" \"content-length\")"
                + ";alg=\"ecdsa-p256-sha256\";created=1700000000;expires=1700000300", signed.signatureInput());
        assertEquals(Map.of("Signature-Input", signed.signatureInput(), "Signature", signed.signature()), signed.headers());
    }

    @Test
    void theSignatureComesInTheRfcFormAndTheAndroidStringForm() {
        MessageSignature signed = device.request("GET", TARGET).header("Approov-Token", "t").sign();
        byte[] bytes = signed.bytes();
        assertEquals(64, bytes.length);
        assertEquals("install=:" + Base64.getEncoder().encodeToString(bytes) + ":", signed.signature());
        assertEquals("install=\"" + Base64.getEncoder().encodeToString(bytes) + "\"", signed.signatureAsString());
        bytes[0] ^= 1;
        assertFalse(java.util.Arrays.equals(bytes, signed.bytes()), "bytes() is a copy");
    }

    @Test
    void aRequestWithoutTokenOrWithTwoDigestsIsNotSigned() {
        assertThrows(IllegalStateException.class, () -> device.request("GET", TARGET).sign());
        assertThrows(IllegalStateException.class, () -> device.request("POST", TARGET).header("Approov-Token", "t")
                .header("Content-Digest", BODY_DIGEST).body(BODY).sign());
    }

    @Test
    void theDefaultLifetimeIsTheSdks15SecondsFromNow() {
        long before = Instant.now().getEpochSecond();
        String input = device.request("GET", TARGET).header("Approov-Token", "t").sign().signatureInput();
        long created = Long.parseLong(input.replaceAll(".*;created=(\\d+);.*", "$1"));
        assertTrue(created >= before && created <= Instant.now().getEpochSecond(), input);
        assertTrue(input.endsWith(";expires=" + (created + 15)), input);
    }

    @Test
    void anInstallationOfAPrivateKeyAloneComputesItsPublicKey() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        assertEquals(pair.getPublic(), AppInstallation.of(pair.getPrivate()).publicKey());
        // The same through PEM, as a key file holding only the private key gives it.
        String pem = TestKeys.pem(pair.getPrivate());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("\n-----END PRIVATE KEY-----\n"), pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertEquals(pair.getPublic(), AppInstallation.of(KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(der))).publicKey());
        assertEquals(pair.getPublic(), AppInstallation.of(pair).publicKey());
    }

    @Test
    void onlyP256KeysAreInstallationKeys() {
        assertThrows(IllegalArgumentException.class, () -> AppInstallation.of(TestKeys.ec("secp384r1")));
        assertThrows(IllegalArgumentException.class, () -> AppInstallation.of(TestKeys.rsa(2048).getPrivate()));
        assertEquals("AppInstallation[P-256]", device.toString());
    }

    @Test
    void theLowLevelBuilderSignsTheComponentsAndParametersGiven() throws Exception {
        MessageSignature signed = MessageSignature.builder(device.privateKey())
                .cover("@method", "GET")
                .coverIdentifier("\"@query-param\";name=\"a\"", "1")
                .parameters(";created=5;keyid=\"k\"")
                .sign();
        assertEquals("\"@method\": GET\n\"@query-param\";name=\"a\": 1\n"
                + "\"@signature-params\": (\"@method\" \"@query-param\";name=\"a\");created=5;keyid=\"k\"", signed.base());
        assertTrue(verifies(signed, device.publicKey()));
        assertEquals("install=(\"@method\");alg=\"ecdsa-p256-sha256\";created=7;expires=9",
                MessageSignature.builder(device.privateKey()).cover("@method", "GET").created(7).expires(9).sign()
                        .signatureInput());
        assertEquals("MessageSignature[install=(\"@method\")]",
                MessageSignature.builder(device.privateKey()).cover("@method", "GET").sign().toString());
    }

    @Test
    void publicKeysArePemEncodedSpki() throws Exception {
        PublicKey key = device.publicKey();
        String pem = TestKeys.pem(key);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertArrayEquals(key.getEncoded(), der);
        assertEquals(key, KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
    }

    private static boolean verifies(MessageSignature signed, PublicKey key) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(key);
        ecdsa.update(signed.base().getBytes(StandardCharsets.US_ASCII));
        return ecdsa.verify(signed.bytes());
    }
}
