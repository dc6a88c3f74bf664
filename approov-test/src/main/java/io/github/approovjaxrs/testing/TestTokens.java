package io.github.approovjaxrs.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints test tokens from raw JSON text, so tests control every byte (duplicates, odd numbers, spacing).
 * Published in the test-jar: the Jersey 3.1 compatibility run and other modules' tests use it too.
 */
public final class TestTokens {

    /** Approov's public dummy secret from the quickstarts' TESTING.md; the Postman collection is signed with it. */
    public static final String DUMMY_SECRET_BASE64 =
            "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==";
    /** A 32-byte test secret, base64. */
    public static final String SECRET_BASE64 = Base64.getEncoder()
            .encodeToString("test-secret-test-secret-test-sec".getBytes(StandardCharsets.US_ASCII));
    public static final byte[] SECRET = Base64.getDecoder().decode(SECRET_BASE64);
    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private TestTokens() {
    }

    /** base64url without padding. */
    public static String b64url(String text) {
        return b64url(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A compact JWS of the given header and payload JSON text, HMAC-SHA256-signed with {@code secret}. */
    public static String sign(String headerJson, String payloadJson, byte[] secret) {
        String signingInput = b64url(headerJson) + "." + b64url(payloadJson);
        return signingInput + "." + b64url(hmac(signingInput, secret));
    }

    /** The token with the test secret, the usual header, and the given payload JSON. */
    public static String sign(String payloadJson) {
        return sign(HS256_HEADER, payloadJson, SECRET);
    }

    /** A valid token expiring {@code secondsFromNow} after the real clock's now, plus extra JSON members. */
    public static String valid(long secondsFromNow, String extraMembers) {
        long exp = Instant.now().getEpochSecond() + secondsFromNow;
        return sign("{\"exp\":" + exp + (extraMembers.isEmpty() ? "" : "," + extraMembers) + "}");
    }

    /** A valid token, one hour left. */
    public static String valid() {
        return valid(3600, "");
    }

    /** A valid token bound to {@code bindingValue} (its {@code pay} claim). */
    public static String bound(String bindingValue) {
        return valid(3600, "\"pay\":\"" + pay(bindingValue) + "\"");
    }

    /** base64(SHA-256(UTF-8 value)), the {@code pay} claim binding {@code value}. */
    public static String pay(String value) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A compact JWS signed with a private key: {@code RS256}, {@code PS256} or {@code ES256} (raw r‖s, as JWS
     * requires). The header is used as given, so tests can lie about {@code alg}.
     */
    public static String signAsymmetric(String headerJson, String payloadJson, java.security.PrivateKey key,
            String algorithm) {
        String signingInput = b64url(headerJson) + "." + b64url(payloadJson);
        try {
            java.security.Signature signer;
            switch (algorithm) {
                case "RS256" -> signer = java.security.Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    signer = java.security.Signature.getInstance("RSASSA-PSS");
                    signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                }
                case "ES256" -> signer = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
                default -> throw new IllegalArgumentException(algorithm);
            }
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key pair: {@code "RSA"} with {@code size} bits, or {@code "EC"} on the named curve of {@code size}. */
    public static java.security.KeyPair keyPair(String type, int size) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(type);
            if (type.equals("EC")) {
                generator.initialize(new java.security.spec.ECGenParameterSpec(
                        size == 256 ? "secp256r1" : size == 384 ? "secp384r1" : "secp521r1"));
            } else {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM text ({@code PUBLIC KEY}) of a public key. */
    public static String pem(java.security.PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static byte[] hmac(String signingInput, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
