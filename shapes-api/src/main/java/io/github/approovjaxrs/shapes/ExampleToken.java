package io.github.approovjaxrs.shapes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An example Approov token, as {@code approov token -genExample} makes them: header
 * {@code {"alg":"HS256","typ":"JWT"}} (or RS256, PS256, ES256 with a private key, and a {@code kid} when
 * asked), claims {@code exp}, {@code iat}, a random device id {@code did} and a client {@code ip}, plus
 * {@code pay} when bound. For demos and tests only: a real token comes from the Approov cloud service,
 * after it has attested the app.
 */
final class ExampleToken {

    /** A documentation address (RFC 5737): real tokens carry the client's IP, which the check ignores. */
    static final String EXAMPLE_IP = "192.0.2.1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Claim name to a Long or a String, in the order they are written. */
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String keyId;

    private ExampleToken(Instant issuedAt, Instant expiresAt) {
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("did", Base64.getEncoder().encodeToString(randomBytes(16)));
        claims.put("ip", EXAMPLE_IP);
    }

    /** A token issued at {@code issuedAt} whose {@code exp} is {@code expiresAt} (in the past for an expired one). */
    static ExampleToken expiringAt(Instant issuedAt, Instant expiresAt) {
        return new ExampleToken(issuedAt, expiresAt);
    }

    /** Binds the token to a header value: {@code pay} = base64(SHA-256(value)), as {@code -setDataHashInToken}. */
    ExampleToken boundTo(String bindingHeaderValue) {
        claims.put("pay", payFor(bindingHeaderValue));
        return this;
    }

    /** Adds, or replaces, a string claim. */
    ExampleToken claim(String name, String value) {
        claims.put(name, value);
        return this;
    }

    /** Names the key in the header ({@code kid}), as {@code approov secret -setKeyID} makes Approov do. */
    ExampleToken keyId(String id) {
        this.keyId = id;
        return this;
    }

    /** The compact JWS, signed HS256 with {@code secret}. */
    String signWith(byte[] secret) {
        String signingInput = signingInput("HS256");
        return signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret, signingInput));
    }

    /** The compact JWS signed with a random key, so only its signature is wrong (as {@code -type invalid}). */
    String signWithWrongKey() {
        return signWith(randomBytes(64));
    }

    /**
     * The compact JWS signed with a private key: RS256 or PS256 with an RSA key, ES256 with a P-256 key (the
     * signature as JWS wants it, raw r‖s).
     */
    String signWith(PrivateKey key, String algorithm) {
        String signingInput = signingInput(algorithm);
        try {
            Signature signer = signer(algorithm);
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException unsuitable) {
            throw new IllegalArgumentException("the key cannot sign " + algorithm + " ("
                    + unsuitable.getClass().getSimpleName() + ")");
        }
    }

    /** The compact JWS signed with a fresh key of the same kind, so only its signature is wrong. */
    String signWithWrongKey(PrivateKey like, String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(like.getAlgorithm());
            if (like instanceof ECPrivateKey ec) {
                generator.initialize(ec.getParams());
            } else {
                generator.initialize(2048);
            }
            return signWith(generator.generateKeyPair().getPrivate(), algorithm);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    String headerJson(String algorithm) {
        StringBuilder json = new StringBuilder("{\"alg\":");
        appendString(json, algorithm);
        json.append(",\"typ\":\"JWT\"");
        if (keyId != null) {
            json.append(",\"kid\":");
            appendString(json, keyId);
        }
        return json.append('}').toString();
    }

    private String signingInput(String algorithm) {
        return BASE64URL.encodeToString(headerJson(algorithm).getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payloadJson().getBytes(StandardCharsets.UTF_8));
    }

    private static Signature signer(String algorithm) throws GeneralSecurityException {
        switch (algorithm) {
            case "RS256":
                return Signature.getInstance("SHA256withRSA");
            case "PS256": {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            }
            case "ES256":
                return Signature.getInstance("SHA256withECDSAinP1363Format");
            default:
                throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
    }

    String payloadJson() {
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, name);
            json.append(':');
            if (value instanceof Long number) {
                json.append(number);
            } else {
                appendString(json, (String) value);
            }
        });
        return json.append('}').toString();
    }

    /** base64(SHA-256(UTF-8 value)), the {@code pay} claim that binds {@code value}. */
    static String payFor(String bindingHeaderValue) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(bindingHeaderValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }

    private static byte[] hmacSha256(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException everyJvmHasHmacSha256) {
            throw new IllegalStateException(everyJvmHasHmacSha256);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
