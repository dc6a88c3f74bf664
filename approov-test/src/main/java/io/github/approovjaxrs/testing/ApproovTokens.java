package io.github.approovjaxrs.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Approov-like tokens for tests, as {@code approov token -genExample} makes them: header
 * {@code {"alg":"HS256","typ":"JWT"}}, claims {@code exp}, {@code iat}, a random device id {@code did} and
 * an {@code ip}, plus {@code pay} when bound and {@code ipk} when the token carries an app installation's
 * key. A real token comes from the Approov cloud service after it has attested the app; these are for
 * tests and demos, signed with a test secret or key:
 *
 * <pre>{@code
 * ApproovTokens.Builder tokens = ApproovTokens.hs256(TEST_SECRET);
 * String valid = tokens.mint();
 * String expired = tokens.expired().mint();
 * String bound = tokens.boundTo("Bearer user-1").mint();
 * String forged = tokens.withWrongSignature().mint();
 * }</pre>
 *
 * <p>For tests that need exact bytes (duplicate members, odd numbers, a header that lies about its
 * algorithm), {@link #sign(String, String, byte[])} signs JSON text as given.
 *
 * <p>Plain JDK code, independent of the library it helps to test, so a test never checks the library
 * against itself.
 */
public final class ApproovTokens {

    /**
     * Approov's public dummy secret in standard base64, as {@code approov secret -get base64} prints a
     * secret: the one in Approov's quickstarts and Postman collections. Anyone can mint tokens with it:
     * never configure it outside tests and demos.
     */
    public static final String DUMMY_SECRET_BASE64 =
            "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==";

    /**
     * The same dummy secret in URL-safe base64 without padding, as {@code approov secret -get base64url}
     * prints it and Approov's current quickstarts read it ({@code APPROOV_BASE64URL_SECRET}).
     */
    public static final String DUMMY_SECRET_BASE64URL =
            "h-CX0tOzdAAR9l15bWAqvq7w9olk66daIH-Xk-IAHhVVHszjDzeGobzNnqyRze3lw_WVyWrc2gZfh3XXfBOmww";

    /** The JOSE header of Approov's HS256 tokens, as JSON text. */
    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    /** The {@code ip} claim of minted tokens: a documentation address (RFC 5737); the check ignores it. */
    static final String EXAMPLE_IP = "192.0.2.1";

    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ApproovTokens() {
    }

    /**
     * Tokens signed HS256 with {@code secret}, as Approov signs them with an account's secret.
     *
     * @param secret the secret's bytes (copied); not empty
     * @throws IllegalArgumentException if the secret is empty
     */
    public static Builder hs256(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("an HS256 secret needs at least one byte");
        }
        return new Builder(new Signer(secret.clone(), null, "HS256"));
    }

    /**
     * Tokens signed HS256 with a secret given in base64, as {@code approov secret -get base64} or
     * {@code -get base64url} prints it: either alphabet, with or without {@code =} padding.
     *
     * @throws IllegalArgumentException if the text is not base64 or holds no byte
     */
    public static Builder hs256(String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        String text = base64Secret.strip();
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        byte[] secret;
        try {
            secret = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the secret is not base64 (standard or URL-safe): "
                    + notBase64.getMessage());
        }
        return hs256(secret);
    }

    /**
     * Tokens signed with a private key, for servers configured with its public key: {@code RS256} or
     * {@code PS256} with an RSA key, {@code ES256} with an EC key on P-256 (the signature as JWS wants it,
     * raw r‖s).
     *
     * @throws IllegalArgumentException if the algorithm is none of these or does not fit the key
     */
    public static Builder signedWith(PrivateKey key, String algorithm) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        boolean fits = switch (algorithm) {
            case "RS256", "PS256" -> key instanceof RSAPrivateKey;
            case "ES256" -> key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
            default -> throw new IllegalArgumentException("the algorithm is RS256, PS256 or ES256, not " + algorithm);
        };
        if (!fits) {
            throw new IllegalArgumentException(algorithm + " needs " + (algorithm.equals("ES256")
                    ? "an EC key on P-256" : "an RSA key") + ", not this " + key.getAlgorithm() + " key");
        }
        return new Builder(new Signer(null, key, algorithm));
    }

    /**
     * The {@code pay} claim that binds a token to header values: standard base64 (padded) of the SHA-256 of
     * the UTF-8 bytes of the values concatenated in the order given, with no separator. One value for
     * Approov's classic binding (e.g. the whole {@code Authorization} value, scheme included); several for
     * its multi-header binding ({@code approov token -setDataHashInToken "<value1><value2>"}).
     *
     * @throws IllegalArgumentException if no value is given
     */
    public static String pay(String... headerValues) {
        if (headerValues.length == 0) {
            throw new IllegalArgumentException("a binding needs at least one header value");
        }
        StringBuilder concatenated = new StringBuilder();
        for (String value : headerValues) {
            concatenated.append(Objects.requireNonNull(value, "header value"));
        }
        return Base64.getEncoder().encodeToString(sha256(concatenated.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The {@code ipk} claim of an app installation's public key: standard base64 (padded) of its DER
     * SubjectPublicKeyInfo. Approov's installation keys are EC P-256 keys ({@link AppInstallation}).
     */
    public static String ipk(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * A compact JWS of exactly this header and payload JSON text, HMAC-SHA256-signed with {@code secret},
     * whatever the header says: for tests that control every byte.
     *
     * @param secret any bytes, even one (an empty secret is refused by the JDK)
     */
    public static String sign(String headerJson, String payloadJson, byte[] secret) {
        return sign(headerJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8), secret);
    }

    /**
     * A compact JWS of exactly these header and payload bytes (which need not be UTF-8 or JSON),
     * HMAC-SHA256-signed with {@code secret}.
     */
    public static String sign(byte[] header, byte[] payload, byte[] secret) {
        String signingInput = b64url(header) + "." + b64url(payload);
        return signingInput + "." + b64url(hmacSha256(secret, signingInput));
    }

    /**
     * A compact JWS of exactly this header and payload JSON text, signed with a private key by
     * {@code algorithm} ({@code RS256}, {@code PS256} or {@code ES256}) whatever the header says, so a test
     * can lie about {@code alg}.
     *
     * @throws IllegalArgumentException if the algorithm is none of these or the key cannot sign it
     */
    public static String sign(String headerJson, String payloadJson, PrivateKey key, String algorithm) {
        String signingInput = b64url(headerJson) + "." + b64url(payloadJson);
        return signingInput + "." + b64url(signature(key, algorithm, signingInput));
    }

    /** BASE64URL (RFC 7515: URL-safe alphabet, no padding) of the UTF-8 bytes of {@code text}. */
    public static String b64url(String text) {
        return b64url(text.getBytes(StandardCharsets.UTF_8));
    }

    /** BASE64URL (RFC 7515: URL-safe alphabet, no padding) of {@code bytes}. */
    public static String b64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * What a token will hold, and how it is signed; {@link #mint()} makes one. Immutable: each method
     * returns a new builder, so one builder can serve as the template of a test class's tokens. By default a
     * token expires an hour after it is minted, was issued when minted, and has a random device id.
     */
    public static final class Builder {

        // Set only on a fresh copy, in with(), before anyone else sees it: a Builder never changes once returned.
        private final Signer signer;
        private Clock clock = Clock.systemUTC();
        private Instant issuedAt;
        private Instant expiresAt;
        private Duration expiresIn = DEFAULT_LIFETIME;
        private String keyId;
        private String headerJson;
        private boolean wrongSignature;
        /** Claim name to its JSON text, or null to leave the claim out; applied in order over the defaults. */
        private List<Map.Entry<String, String>> changes = List.of();

        Builder(Signer signer) {
            this.signer = signer;
        }

        /** A copy of this builder with {@code change} applied to it. */
        private Builder with(Consumer<Builder> change) {
            Builder copy = new Builder(signer);
            copy.clock = clock;
            copy.issuedAt = issuedAt;
            copy.expiresAt = expiresAt;
            copy.expiresIn = expiresIn;
            copy.keyId = keyId;
            copy.headerJson = headerJson;
            copy.wrongSignature = wrongSignature;
            copy.changes = changes;
            change.accept(copy);
            return copy;
        }

        /** Names the key in the header ({@code kid}), as {@code approov secret -setKeyID} makes Approov do. */
        public Builder keyId(String id) {
            Objects.requireNonNull(id, "id");
            return with(copy -> copy.keyId = id);
        }

        /**
         * Uses this exact header JSON text instead of the one built from the algorithm and key id, e.g. a
         * header spelled otherwise, or one that lies about {@code alg}; the signature is still made with the
         * builder's secret or key and algorithm.
         */
        public Builder headerJson(String json) {
            Objects.requireNonNull(json, "json");
            return with(copy -> copy.headerJson = json);
        }

        /** The clock whose instant "now" is when a token is minted (default: the system clock, UTC). */
        public Builder clock(Clock now) {
            Objects.requireNonNull(now, "now");
            return with(copy -> copy.clock = now);
        }

        /**
         * {@code iat}. By default a token was issued when it is minted, or, when it has already expired, an
         * hour before it expired (as a real token was).
         */
        public Builder issuedAt(Instant instant) {
            Objects.requireNonNull(instant, "instant");
            return with(copy -> copy.issuedAt = instant);
        }

        /** {@code exp} at this instant, in the past for an expired token. */
        public Builder expiresAt(Instant instant) {
            Objects.requireNonNull(instant, "instant");
            return with(copy -> {
                copy.expiresAt = instant;
                copy.expiresIn = null;
            });
        }

        /**
         * {@code exp} this long after the token is minted (default one hour); zero or negative for a token
         * that has already expired.
         */
        public Builder expiresIn(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            return with(copy -> {
                copy.expiresAt = null;
                copy.expiresIn = lifetime;
            });
        }

        /** A token that expired an hour before it is minted (as {@code approov token -type expired}). */
        public Builder expired() {
            return expiresIn(DEFAULT_LIFETIME.negated());
        }

        /** The device id {@code did} (default: 16 random bytes in base64, new for each token). */
        public Builder deviceId(String did) {
            return claim("did", did);
        }

        /**
         * Binds the token to header values: its {@code pay} claim is {@link ApproovTokens#pay(String...)} of
         * them (as {@code approov token -setDataHashInToken}): one value, e.g. the whole {@code Authorization}
         * value, or several, concatenated in order, for a binding to several headers.
         */
        public Builder boundTo(String... headerValues) {
            return claim("pay", pay(headerValues));
        }

        /**
         * Carries an app installation's public key as {@code ipk} ({@link ApproovTokens#ipk(PublicKey)}), as
         * Approov's tokens do when message signing is on; sign requests with the matching private key
         * ({@link AppInstallation}). Any key is written, so a test can also try a wrong one.
         */
        public Builder installationKey(PublicKey key) {
            return claim("ipk", ipk(key));
        }

        /**
         * Names the account message-signing key the app holds as {@code mskid}, as Approov's tokens do when
         * account message signing is on; sign requests with that key
         * ({@link AppInstallation.RequestSigner#signWithAccountKey}, {@link MessageSignature#accountBuilder}).
         */
        public Builder accountKeyId(String mskid) {
            return claim("mskid", mskid);
        }

        /** Adds or replaces a string claim. */
        public Builder claim(String name, String value) {
            Objects.requireNonNull(value, "value");
            return change(name, jsonString(value));
        }

        /** Adds or replaces a number claim. */
        public Builder claim(String name, long value) {
            return change(name, Long.toString(value));
        }

        /**
         * Adds or replaces a claim whose value is this JSON text, written as given: an array
         * ({@code ["a","b"]}), an object, {@code null}, a fraction; nothing checks that it is valid JSON.
         */
        public Builder claimJson(String name, String json) {
            Objects.requireNonNull(json, "json");
            return change(name, json);
        }

        /** Leaves a claim out, one of the defaults ({@code exp}, {@code iat}, {@code did}, {@code ip}) included. */
        public Builder withoutClaim(String name) {
            return change(name, null);
        }

        /**
         * Signs with a fresh random secret, or a fresh key of the same kind, instead of the builder's, so
         * that only the signature is wrong (as {@code approov token -type invalid}).
         */
        public Builder withWrongSignature() {
            return with(copy -> copy.wrongSignature = true);
        }

        /** The compact JWS: {@code header.payload.signature}. */
        public String mint() {
            String header = headerJson != null ? headerJson : header();
            String signingInput = b64url(header) + "." + b64url(payloadJson());
            Signer by = wrongSignature ? signer.another() : signer;
            return signingInput + "." + b64url(by.sign(signingInput));
        }

        private String header() {
            StringBuilder json = new StringBuilder("{\"alg\":").append(jsonString(signer.algorithm))
                    .append(",\"typ\":\"JWT\"");
            if (keyId != null) {
                json.append(",\"kid\":").append(jsonString(keyId));
            }
            return json.append('}').toString();
        }

        private String payloadJson() {
            Instant now = clock.instant();
            Instant exp = expiresAt != null ? expiresAt : now.plus(expiresIn);
            Instant iat = issuedAt != null ? issuedAt : exp.isAfter(now) ? now : exp.minus(DEFAULT_LIFETIME);
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("exp", Long.toString(exp.getEpochSecond()));
            claims.put("iat", Long.toString(iat.getEpochSecond()));
            claims.put("did", null); // random unless set: made below only if still wanted
            claims.put("ip", jsonString(EXAMPLE_IP));
            boolean randomDeviceId = true;
            for (Map.Entry<String, String> change : changes) {
                if (change.getKey().equals("did")) {
                    randomDeviceId = false;
                }
                if (change.getValue() == null) {
                    claims.remove(change.getKey());
                } else {
                    claims.put(change.getKey(), change.getValue());
                }
            }
            if (randomDeviceId) {
                byte[] did = new byte[16];
                RANDOM.nextBytes(did);
                claims.replace("did", jsonString(Base64.getEncoder().encodeToString(did)));
            }
            StringBuilder json = new StringBuilder(160).append('{');
            claims.forEach((name, value) -> {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(jsonString(name)).append(':').append(value);
            });
            return json.append('}').toString();
        }

        private Builder change(String name, String json) {
            Objects.requireNonNull(name, "name");
            List<Map.Entry<String, String>> more = new ArrayList<>(changes);
            more.add(new AbstractMap.SimpleImmutableEntry<>(name, json));
            return with(copy -> copy.changes = List.copyOf(more));
        }
    }

    /** A secret or a private key, and the algorithm it signs with. */
    private static final class Signer {
        final byte[] secret;
        final PrivateKey key;
        final String algorithm;

        Signer(byte[] secret, PrivateKey key, String algorithm) {
            this.secret = secret;
            this.key = key;
            this.algorithm = algorithm;
        }

        byte[] sign(String signingInput) {
            return secret != null ? hmacSha256(secret, signingInput) : signature(key, algorithm, signingInput);
        }

        /** A signer of the same kind with a fresh random secret or key. */
        Signer another() {
            if (secret != null) {
                byte[] wrong = new byte[Math.max(32, secret.length)];
                RANDOM.nextBytes(wrong);
                return new Signer(wrong, null, algorithm);
            }
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(key.getAlgorithm());
                if (key instanceof ECPrivateKey ec) {
                    generator.initialize(ec.getParams());
                } else {
                    generator.initialize(((RSAPrivateKey) key).getModulus().bitLength());
                }
                return new Signer(null, generator.generateKeyPair().getPrivate(), algorithm);
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException(unavailable);
            }
        }
    }

    private static byte[] signature(PrivateKey key, String algorithm, String signingInput) {
        try {
            Signature signer = switch (algorithm) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                default -> throw new IllegalArgumentException("the algorithm is RS256, PS256 or ES256, not " + algorithm);
            };
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException unsuitable) {
            throw new IllegalArgumentException("the key cannot sign " + algorithm + " ("
                    + unsuitable.getClass().getSimpleName() + ")");
        }
    }

    static byte[] hmacSha256(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException everyJvmHasHmacSha256) {
            throw new IllegalStateException(everyJvmHasHmacSha256);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
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
        return json.append('"').toString();
    }
}
