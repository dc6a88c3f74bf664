package io.github.approovjaxrs.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints tokens shaped like Approov's, as {@code approov token -genExample} and the Shapes API's token tool
 * make them: header {@code {"alg":"HS256","typ":"JWT"}}, claims {@code exp}, {@code iat}, a random 16-byte
 * device id {@code did}, an {@code ip}, and {@code pay} when bound. The benchmarks need the real size and
 * shape (the check's cost grows with the text it scans and hashes), and many of them: thousands per second
 * from one JVM, which the token tool, one JVM per token, cannot give.
 *
 * <p>Not thread-safe (it reuses its {@link Mac}s): one per thread. Seeded, so a run mints the same device
 * ids each time; the device id is opaque to the check, so a seed flatters nothing.
 */
final class TokenMinter {

    /** Approov's public dummy secret, from the quickstarts' TESTING.md; the Shapes API falls back to it. */
    static final String DUMMY_SECRET_BASE64 =
            "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==";
    static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    /** A documentation address (RFC 5737), as the token tool uses: real tokens carry the client's. */
    static final String EXAMPLE_IP = "192.0.2.1";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Mac mac;
    private final Mac wrongKeyMac;
    private final Random random;

    TokenMinter(byte[] secret, long seed) {
        this.random = new Random(seed);
        byte[] wrongKey = new byte[secret.length];
        random.nextBytes(wrongKey);
        this.mac = hmac(secret);
        this.wrongKeyMac = hmac(wrongKey);
    }

    /** A minter with Approov's public dummy secret. */
    static TokenMinter withDummySecret(long seed) {
        return new TokenMinter(Base64.getDecoder().decode(DUMMY_SECRET_BASE64), seed);
    }

    /** A token signed with the secret; {@code binding}, when not null, is the bound header value. */
    String mint(Instant issuedAt, Instant expiresAt, String binding) {
        return sign(HEADER_JSON, payloadJson(issuedAt, expiresAt, binding), mac);
    }

    /**
     * A token carrying the app installation's public key as {@code ipk} (standard padded base64 of its DER
     * SubjectPublicKeyInfo), as Approov issues them when message signing is on.
     */
    String mintWithInstallationKey(Instant issuedAt, Instant expiresAt, java.security.PublicKey installationKey) {
        String payload = payloadJson(issuedAt, expiresAt, null);
        payload = payload.substring(0, payload.length() - 1) + ",\"ipk\":\""
                + Base64.getEncoder().encodeToString(installationKey.getEncoded()) + "\"}";
        return sign(HEADER_JSON, payload, mac);
    }

    /** A token with the same header and claims whose signature is made with another key: only it is wrong. */
    String forge(Instant issuedAt, Instant expiresAt) {
        return sign(HEADER_JSON, payloadJson(issuedAt, expiresAt, null), wrongKeyMac);
    }

    /** A forged token whose header is spelled {@code headerJson}, as an attacker may choose to. */
    String forge(String headerJson, Instant issuedAt, Instant expiresAt) {
        return sign(headerJson, payloadJson(issuedAt, expiresAt, null), wrongKeyMac);
    }

    /** base64(SHA-256(UTF-8 value)): the {@code pay} claim that binds {@code bindingValue}. */
    static String pay(String bindingValue) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(bindingValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }

    private String payloadJson(Instant issuedAt, Instant expiresAt, String binding) {
        byte[] deviceId = new byte[16];
        random.nextBytes(deviceId);
        StringBuilder json = new StringBuilder(160)
                .append("{\"exp\":").append(expiresAt.getEpochSecond())
                .append(",\"iat\":").append(issuedAt.getEpochSecond())
                .append(",\"did\":\"").append(Base64.getEncoder().encodeToString(deviceId))
                .append("\",\"ip\":\"").append(EXAMPLE_IP).append('"');
        if (binding != null) {
            json.append(",\"pay\":\"").append(pay(binding)).append('"');
        }
        return json.append('}').toString();
    }

    private static String sign(String headerJson, String payloadJson, Mac mac) {
        String signingInput = BASE64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException everyJvmHasHmacSha256) {
            throw new IllegalStateException(everyJvmHasHmacSha256);
        }
    }
}
