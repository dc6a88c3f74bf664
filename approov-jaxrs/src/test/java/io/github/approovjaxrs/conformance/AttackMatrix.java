package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.TestSecret.SECRET;
import static io.github.approovjaxrs.core.ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED;
import static io.github.approovjaxrs.core.ApproovFailure.ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED;
import static io.github.approovjaxrs.core.ApproovFailure.ACCOUNT_SIGNATURE_EXPIRED;
import static io.github.approovjaxrs.core.ApproovFailure.ACCOUNT_SIGNATURE_NOT_YET_VALID;
import static io.github.approovjaxrs.core.ApproovFailure.ALGORITHM_NOT_ALLOWED;
import static io.github.approovjaxrs.core.ApproovFailure.AUDIENCE_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.BAD_ACCOUNT_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.BAD_MESSAGE_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.BAD_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.BINDING_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.CONTENT_DIGEST_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.DUPLICATE_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.DUPLICATE_TOKEN_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.EXPIRED;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_CLAIMS;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_CONTENT_DIGEST;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_INSTALLATION_KEY;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.MESSAGE_BODY_TOO_LARGE;
import static io.github.approovjaxrs.core.ApproovFailure.MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED;
import static io.github.approovjaxrs.core.ApproovFailure.MESSAGE_SIGNATURE_EXPIRED;
import static io.github.approovjaxrs.core.ApproovFailure.MESSAGE_SIGNATURE_NOT_YET_VALID;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_ACCOUNT_MESSAGE_COMPONENT;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_ACCOUNT_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_CONTENT_DIGEST;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_EXPIRATION;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_MESSAGE_COMPONENT;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_INSTALLATION_KEY;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_MESSAGE_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_PAY_CLAIM;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.NOT_YET_VALID;
import static io.github.approovjaxrs.core.ApproovFailure.REPLAYED_MESSAGE_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.REPLAY_STORE_UNAVAILABLE;
import static io.github.approovjaxrs.core.ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED;
import static io.github.approovjaxrs.core.ApproovFailure.UNKNOWN_ACCOUNT_KEY_ID;
import static io.github.approovjaxrs.core.ApproovFailure.UNSUPPORTED_ACCOUNT_MESSAGE_COMPONENT;
import static io.github.approovjaxrs.core.ApproovFailure.UNSUPPORTED_HEADER_PARAMETER;
import static io.github.approovjaxrs.core.ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT;
import static io.github.approovjaxrs.testing.ApproovTokens.HS256_HEADER;
import static io.github.approovjaxrs.testing.ApproovTokens.b64url;
import static io.github.approovjaxrs.testing.ApproovTokens.pay;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hostile requests of the security proof (SECURITY.md), grouped by class, and the legitimate variants
 * that must still pass, sent by {@link AttackMatrixTest} to every runtime (what each request gets, what the
 * listener hears and what the logs say meanwhile). Each hostile request states what it must get
 * ({@link Expected}): the one reason the library refuses it for, or the container's own status where the
 * library never sees it; the reason is the rule the request breaks first, in the order the check applies them.
 * The container statuses are Jersey's on Grizzly; a runtime that answers a case otherwise says so, case by case,
 * in {@link RuntimeUnderTest#ownAnswers()}.
 *
 * <p>Sources of the cases: RFC 8725 (JWT best current practices), the attack list of {@code ticarpi/jwt_tool}
 * (alg none in every casing, null and blank signatures, key confusion, embedded {@code jwk}, {@code jku} and
 * {@code x5u} spoofing, {@code kid} injection, psychic ECDSA signatures), and the CVE history of Java JWT
 * libraries: jose4j's PBES2 {@code p2c} (CVE-2023-51775) and compressed-JWE (CVE-2024-29371) denial of
 * service, Nimbus's deeply nested JSON (CVE-2025-53864), jjwt's lenient key decoding (CVE-2024-31033),
 * pac4j's JWE-wrapped {@code alg: none} (CVE-2021-44878), and Java's own psychic signatures (CVE-2022-21449).
 * Every token is minted here from a known secret or key; nothing is a committed blob.
 *
 * The message-signing class follows RFC 9421 and MESSAGE-SIGNING.md's rules M1–M14 and the reference servers'
 * known faults; every signature is made here with a generated P-256 installation key.
 *
 * <p>Five targets, each served by the {@link Scenario} of its name (the first four also by a monitor-mode twin):
 * {@link Target#DEFAULT}, the zero-configuration setup (one HS256 account secret), {@link Target#HARDENED}, a
 * key set (an HS256 secret with a key id, an RS256 and an ES256 public key) with an expected audience, for
 * key-confusion, psychic-signature and audience cases, {@link Target#SIGNED},
 * the account secret with message signing behind a TLS proxy ({@link #SIGNED_ORIGIN}) requiring a covered
 * {@code Content-Digest} on any body, for the message-signing cases, and {@link Target#ACCOUNT}, the same
 * with an account message-signing key ({@link #ACCOUNT_KEY_ID}), for the account-signature cases. The replay
 * cases go to the single-use endpoint ({@link #ORDERS}) of those two, each after its original
 * ({@link Request#original()}) was accepted, and to {@link Target#STORE_DOWN}, the signing server whose replay
 * store cannot answer ({@link #UNREACHABLE_STORE}).
 */
public final class AttackMatrix {

    private static KeyPair keyWithUrlUnsafeBase64() {
        while (true) {
            KeyPair key = TestKeys.ec("secp256r1");
            String ipk = ApproovTokens.ipk(key.getPublic());
            if (ipk.indexOf('+') >= 0 || ipk.indexOf('/') >= 0) {
                return key;
            }
        }
    }

    /** The order n of the P-256 group (SEC 2, FIPS 186-4): a signature with r or s of n is "psychic". */
    private static final java.math.BigInteger P256_ORDER = new java.math.BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** Which server a request goes to. */
    enum Target {
        DEFAULT,
        HARDENED,
        SIGNED,
        ACCOUNT,
        STORE_DOWN
    }

    /**
     * One request: where it goes, its header lines (name, value pairs), its body (UTF-8 text; null for none)
     * and what it must get; for a replay, the original request sent (and accepted) just before it.
     */
    record Request(String group, String name, Target target, String method, String path, List<String> headers,
            Expected expected, String body, Request original) {

        Request(String group, String name, Target target, String method, String path, List<String> headers,
                Expected expected, String body) {
            this(group, name, target, method, path, headers, expected, body, null);
        }

        @Override
        public String toString() {
            return group + ": " + name;
        }

        /** What makes two requests the same request: everything but the name. */
        List<Object> identity() {
            return Arrays.asList(target, method, path, headers, body);
        }
    }

    /**
     * What a request must get: the library's refusal for one reason (the reason a listener hears, and the
     * status it answers: 401, or 413 for a signed body over the limit), the container's own status where the
     * library never sees the request (Grizzly's 400 for a header block over its 8 KB limit, 404 or 405 where
     * no resource matches; other runtimes' in {@link RuntimeUnderTest#ownAnswers()}), or, for a legitimate
     * variant, 200.
     */
    record Expected(int status, ApproovFailure reason) {
        static final Expected ACCEPTED = new Expected(200, null);

        @Override
        public String toString() {
            return status + (reason != null ? " " + reason.code() : status == 200 ? "" : " from the container");
        }
    }

    /** Refused by the library for {@code reason}: 401, 413 for a body over the limit, 503 when the store cannot answer. */
    static Expected refused(ApproovFailure reason) {
        return new Expected(reason == MESSAGE_BODY_TOO_LARGE ? 413 : reason == REPLAY_STORE_UNAVAILABLE ? 503 : 401, reason);
    }

    /**
     * The cases whose header block is over 100 KB, each answered {@code answer}: a runtime's own answer to a header
     * block over its limit.
     */
    static Map<String, Expected> oversizedHeaderBlocks(Expected answer) {
        return Map.of("size: a 100 KB token header", answer, "size: a 100 KB token of genuine shape", answer,
                "size: a garbage token beside 100 KB of other headers", answer, "size: a 100 KB Authorization", answer);
    }

    /** Answered by the container with {@code status} before the library sees the request. */
    static Expected container(int status) {
        return new Expected(status, null);
    }

    static final String PROTECTED = "/methods/protected";
    static final String BOUND = "/methods/bound";
    /** {@link io.github.approovjaxrs.conformance.endpoints.Quickstart}: bound to Authorization then Content-Digest, as Approov's harness. */
    static final String DOUBLE_BOUND = "/quickstart/token-double-binding";
    static final String HARNESS_AUTHORIZATION = "ExampleAuthToken==";
    static final String HARNESS_DIGEST = "ContentDigest==";
    /** A trace id as an SDK may send it: short, of safe characters; the log line may carry it. */
    static final String SAFE_TRACE_ID = "4bf92f3577b34da6";
    /** The values of Approov-Status that Approov's SDK layers send; a log line may carry them. */
    static final List<String> SDK_STATUSES = List.of("success", "no_network", "poor_network", "untrusted_network",
            "no_approov_service", "rejected", "internal_error");
    static final String BEARER = "Bearer 0123456789abcdef";
    static final String AUDIENCE = "api.example.com";
    static final String HS_KID = "hs-1";
    static final String RSA_KID = "rsa-1";
    static final String EC_KID = "ec-1";
    /** {@link io.github.approovjaxrs.conformance.endpoints.SignedResource}: {@code @ApproovSigned} GET and POST, and a bound one. */
    static final String SIGNED = "/signed";
    static final String SIGNED_ALL = "/signed/all";
    /** {@link io.github.approovjaxrs.conformance.endpoints.SignedResource}'s single-use POST: {@code @ApproovSigned(singleUse = true)}. */
    static final String ORDERS = "/signed/orders";
    /** The origin clients of {@link Target#SIGNED} sign, as behind a TLS proxy. */
    static final String SIGNED_ORIGIN = "https://api.example.com";
    static final int MAX_BODY_BYTES = 1024;
    /** The base64url alphabet, in the order of the values its characters encode. */
    static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";


    static final byte[] ATTACKER_SECRET = "attacker-secret-attacker-secret!".getBytes(StandardCharsets.US_ASCII);
    /** The account message-signing key of {@link Target#ACCOUNT}, its id, and an attacker's guess at it. */
    static final byte[] ACCOUNT_KEY = "matrix-account-key-matrix-accoun".getBytes(StandardCharsets.US_ASCII);
    static final String ACCOUNT_KEY_ID = "msk-2026";
    static final byte[] ATTACKER_ACCOUNT_KEY = "attacker-account-key-attacker-ac".getBytes(StandardCharsets.US_ASCII);
    static final KeyPair RSA = TestKeys.rsa(2048);
    static final KeyPair EC = TestKeys.ec("secp256r1");
    static final KeyPair ATTACKER_RSA = TestKeys.rsa(2048);
    static final KeyPair ATTACKER_EC = TestKeys.ec("secp256r1");
    /** The app installation's key pair of the message-signing cases (its public key is the tokens' ipk). */
    /** The device's key; its base64 has a '+' or '/', so the case "ipk in base64url" really differs from the ipk. */
    static final KeyPair DEVICE = keyWithUrlUnsafeBase64();

    final List<Request> attacks = new ArrayList<>();
    final List<Request> legitimate = new ArrayList<>();
    private final long now;
    private final String exp;
    private final String claims;
    private final String valid;
    private final String[] parts;
    private String group;
    /** Orders made so far by the replay cases, each with its own body. */
    private int orders;

    /**
     * The configuration of a target, {@code monitor} for monitor mode, with the library's logging on (the log
     * hygiene checks read what it writes).
     */
    static ApproovConfig.Builder config(Target target, boolean monitor) {
        ApproovConfig.Builder builder = switch (target) {
            case DEFAULT -> ApproovConfig.builder().secret(SECRET);
            case HARDENED -> ApproovConfig.builder()
                    .addSecret(HS_KID, SECRET)
                    .addPublicKey("RS256", RSA_KID, RSA.getPublic())
                    .addPublicKey("ES256", EC_KID, EC.getPublic())
                    .expectedAudience(AUDIENCE);
            // The public origin makes signatures independent of the test server's port; the hour-long maximum
            // age keeps the legitimate signatures valid however long a slow machine takes over the matrix.
            case SIGNED, STORE_DOWN -> ApproovConfig.builder().secret(SECRET).publicOrigin(SIGNED_ORIGIN)
                    .signatureMaxAge(java.time.Duration.ofHours(1)).requireContentDigest(true).maxBodyBytes(MAX_BODY_BYTES);
            case ACCOUNT -> ApproovConfig.builder().secret(SECRET).publicOrigin(SIGNED_ORIGIN)
                    .signatureMaxAge(java.time.Duration.ofHours(1)).requireContentDigest(true).maxBodyBytes(MAX_BODY_BYTES)
                    .accountMessageSigningSecretBase64Url(Base64.getUrlEncoder().withoutPadding().encodeToString(ACCOUNT_KEY))
                    .accountMessageSigningKeyId(ACCOUNT_KEY_ID);
        };
        return builder.loggingEnabled(true).abortOnInvalidToken(!monitor).abortOnInvalidBinding(!monitor)
                .abortOnInvalidMessageSignature(!monitor);
    }

    /** The replay store of {@link Target#STORE_DOWN}: as a Redis that does not answer, it cannot say. */
    static final ReplayStore UNREACHABLE_STORE = new ReplayStore() {
        @Override
        public Outcome firstUse(byte[] key, java.time.Duration ttl) {
            return Outcome.UNAVAILABLE;
        }

        @Override
        public String describe() {
            return "unreachable";
        }
    };

    /** Sends {@code request} to the server at {@code base} (a generous per-request timeout bounds the wait: see {@link RawHttp}). */
    static HttpResponse<String> send(Request request, URI base) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return RawHttp.send(URI.create(root + request.path()), request.method(), request.body() == null ? null
                : request.body().getBytes(StandardCharsets.UTF_8), request.headers().toArray(String[]::new));
    }

    /** The matrix for tokens minted now (the servers judge them by the real clock). */
    AttackMatrix() {
        this(Instant.now().getEpochSecond());
    }

    /** The matrix as minted at {@code now} (epoch seconds). */
    AttackMatrix(long now) {
        this.now = now;
        this.exp = "\"exp\":" + (now + 3600);
        this.claims = "{" + exp + "}";
        this.valid = sign(HS256_HEADER, claims, SECRET);
        this.parts = valid.split("\\.");
        algorithms();
        keysAndHeaderParameters();
        keyConfusionAndPsychicSignatures();
        signatureAndStructure();
        nonCanonicalBase64url();
        claimsAndTime();
        audience();
        jweAndNesting();
        transport();
        binding();
        bindingToSeveralHeaders();
        clientReport();
        size();
        routing();
        messageSigning();
        accountSigning();
        replays();
        legitimateVariants();
        legitimateSignedVariants();
        legitimateAccountVariants();
    }

    // ---- the hostile requests, by class ----

    private void algorithms() {
        group = "algorithm";
        String payload = b64url(claims);
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            attack(MALFORMED_TOKEN, "alg " + none + ", signature stripped (jwt_tool -X a)",
                    b64url("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + payload + ".");
        }
        attack(MALFORMED_TOKEN, "alg none, no third segment", b64url("{\"alg\":\"none\"}") + "." + payload);
        attack(ALGORITHM_NOT_ALLOWED, "alg none, the original HS256 signature kept",
                b64url("{\"alg\":\"none\"}") + "." + payload + "." + parts[2]);
        attack(ALGORITHM_NOT_ALLOWED, "alg none, MAC'd with the real secret", sign("{\"alg\":\"none\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg none spelled with a \\u escape", sign("{\"alg\":\"\\u006eone\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg HS384, a real HMAC-SHA384 with the secret",
                macToken("{\"alg\":\"HS384\"}", claims, SECRET, "HmacSHA384"));
        attack(ALGORITHM_NOT_ALLOWED, "alg HS512, a real HMAC-SHA512 with the secret",
                macToken("{\"alg\":\"HS512\"}", claims, SECRET, "HmacSHA512"));
        attack(ALGORITHM_NOT_ALLOWED, "alg hs256 in lower case", sign("{\"alg\":\"hs256\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg with a trailing space", sign("{\"alg\":\"HS256 \"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg with a NUL suffix", sign("{\"alg\":\"HS256\\u0000\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg missing", sign("{\"typ\":\"JWT\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg null", sign("{\"alg\":null}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg an array", sign("{\"alg\":[\"HS256\"]}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg a number", sign("{\"alg\":256}", claims, SECRET));
        attack(MALFORMED_TOKEN, "alg twice, none then HS256", sign("{\"alg\":\"none\",\"alg\":\"HS256\"}", claims, SECRET));
        attack(MALFORMED_TOKEN, "alg twice, HS256 then none", sign("{\"alg\":\"HS256\",\"alg\":\"none\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg RS256 with an HMAC signature", sign("{\"alg\":\"RS256\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg PS256 with an attacker's signature",
                asymmetric("{\"alg\":\"PS256\"}", claims, ATTACKER_RSA.getPrivate(), "PS256"));
        attack(ALGORITHM_NOT_ALLOWED, "alg ES256, psychic signature (r = s = 0) on an HS256-only server",
                b64url("{\"alg\":\"ES256\"}") + "." + payload + "." + b64url(new byte[64]));
        attack(ALGORITHM_NOT_ALLOWED, "alg dir (a JWE algorithm) in a JWS", sign("{\"alg\":\"dir\"}", claims, SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "alg PBES2 with p2c 2^31-1 in a JWS",
                sign("{\"alg\":\"PBES2-HS256+A128KW\",\"p2c\":2147483647,\"p2s\":\"AAAA\"}",
                claims, SECRET));
    }

    private void keysAndHeaderParameters() {
        group = "key and header tricks";
        attack(BAD_SIGNATURE, "embedded oct jwk, signed with that key (jwt_tool -X i)",
                sign("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\""
                + b64url(ATTACKER_SECRET) + "\"}}", claims, ATTACKER_SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "embedded RSA jwk, RS256 signed with its private key", asymmetric("{\"alg\":\"RS256\",\"jwk\":"
                + rsaJwk(ATTACKER_RSA) + "}", claims, ATTACKER_RSA.getPrivate(), "RS256"));
        attack(BAD_SIGNATURE, "jku pointing at attacker keys (jwt_tool -X s)",
                sign("{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}",
                claims, ATTACKER_SECRET));
        attack(BAD_SIGNATURE, "x5u pointing at an attacker certificate",
                sign("{\"alg\":\"HS256\",\"x5u\":\"https://attacker.example/cert.pem\"}",
                claims, ATTACKER_SECRET));
        attack(ALGORITHM_NOT_ALLOWED, "x5c with an attacker key, RS256", asymmetric("{\"alg\":\"RS256\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(ATTACKER_RSA.getPublic().getEncoded()) + "\"]}", claims,
                ATTACKER_RSA.getPrivate(), "RS256"));
        // An empty HMAC key is padded with zeros, so the one-zero-byte key computes exactly the empty key's MAC.
        attack(BAD_SIGNATURE, "kid path traversal to /dev/null, signed with an empty key",
                sign("{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}",
                claims, new byte[1]));
        attack(BAD_SIGNATURE, "kid SQL injection selecting a known key",
                sign("{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT 'attacker-key'--\"}",
                claims, "attacker-key".getBytes(StandardCharsets.US_ASCII)));
        attack(BAD_SIGNATURE, "kid command injection",
                sign("{\"alg\":\"HS256\",\"kid\":\"key.pem|curl attacker.example\"}", claims, ATTACKER_SECRET));
        attack(BAD_SIGNATURE, "kid of 3000 characters",
                sign("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(3000) + "\"}", claims, ATTACKER_SECRET));
        attack(BAD_SIGNATURE, "blank secret (jwt_tool -X b)", sign(HS256_HEADER, claims, new byte[1]));
        attack(BAD_SIGNATURE, "Approov's public dummy secret",
                sign(HS256_HEADER, claims, Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64)));
        attack(BAD_SIGNATURE, "a dictionary secret: secret", sign(HS256_HEADER, claims, "secret".getBytes(StandardCharsets.US_ASCII)));
        attack(BAD_SIGNATURE, "jwt.io's default secret",
                sign(HS256_HEADER, claims, "your-256-bit-secret".getBytes(StandardCharsets.US_ASCII)));
        attack(BAD_SIGNATURE, "the secret's base64 text used as the key", sign(HS256_HEADER, claims,
                Base64.getEncoder().encodeToString(SECRET).getBytes(StandardCharsets.US_ASCII)));
        attack(BAD_SIGNATURE, "the secret's hex text used as the key", sign(HS256_HEADER, claims,
                HexFormat.of().formatHex(SECRET).getBytes(StandardCharsets.US_ASCII)));
        attack(BAD_SIGNATURE, "the secret with one byte changed (lenient decoding, jjwt CVE-2024-31033)",
                sign(HS256_HEADER, claims, flipLastByte(SECRET)));
        attack(BAD_SIGNATURE, "the secret truncated to 31 bytes", sign(HS256_HEADER, claims, Arrays.copyOf(SECRET, 31)));
        attack(UNSUPPORTED_HEADER_PARAMETER, "crit naming exp, with the real secret",
                sign("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", claims, SECRET));
        attack(UNSUPPORTED_HEADER_PARAMETER, "crit empty, with the real secret", sign("{\"alg\":\"HS256\",\"crit\":[]}", claims, SECRET));
        attack(UNSUPPORTED_HEADER_PARAMETER, "b64 false without crit, with the real secret",
                sign("{\"alg\":\"HS256\",\"b64\":false}", claims, SECRET));
        attack(MALFORMED_TOKEN, "b64 false with crit, unencoded payload (RFC 7797)", unencodedPayloadToken());
        attack(UNSUPPORTED_HEADER_PARAMETER, "zip DEF on a JWS, deflated payload, with the real secret",
                signBytes("{\"alg\":\"HS256\",\"zip\":\"DEF\"}".getBytes(StandardCharsets.UTF_8), deflate(claims), SECRET));
        attack(UNSUPPORTED_HEADER_PARAMETER, "typ and cty both JWT, signed with the real secret, plain payload",
                sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"cty\":\"JWT\"}",
                claims, SECRET));
        attack(MALFORMED_TOKEN, "header parameter names duplicated (typ twice)",
                sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}", claims, SECRET));
    }

    private void keyConfusionAndPsychicSignatures() {
        group = "key confusion and psychic signatures";
        String audClaims = "{" + exp + ",\"aud\":\"" + AUDIENCE + "\"}";
        String payload = b64url(audClaims);
        byte[] rsaDer = RSA.getPublic().getEncoded();
        byte[] rsaPem = TestKeys.pem(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII);
        byte[] ecPem = TestKeys.pem(EC.getPublic()).getBytes(StandardCharsets.US_ASCII);
        hardened(BAD_SIGNATURE, "HS256 MAC'd with the RSA public key's DER as the secret (RS/HS confusion)",
                sign("{\"alg\":\"HS256\"}", audClaims, rsaDer));
        hardened(BAD_SIGNATURE, "HS256 MAC'd with the RSA public key's PEM text (jwt_tool -X k)",
                sign("{\"alg\":\"HS256\"}", audClaims, rsaPem));
        hardened(ALGORITHM_NOT_ALLOWED, "HS256 with the RSA key's kid, MAC'd with its PEM text",
                sign("{\"alg\":\"HS256\",\"kid\":\"" + RSA_KID + "\"}",
                audClaims, rsaPem));
        hardened(BAD_SIGNATURE, "HS256 MAC'd with the EC public key's PEM text", sign("{\"alg\":\"HS256\"}", audClaims, ecPem));
        hardened(ALGORITHM_NOT_ALLOWED, "RS256 naming the HMAC secret's kid",
                asymmetric("{\"alg\":\"RS256\",\"kid\":\"" + HS_KID + "\"}", audClaims,
                ATTACKER_RSA.getPrivate(), "RS256"));
        hardened(BAD_SIGNATURE, "RS256 signed by another RSA key, with the configured kid",
                asymmetric("{\"alg\":\"RS256\",\"kid\":\"" + RSA_KID
                + "\"}", audClaims, ATTACKER_RSA.getPrivate(), "RS256"));
        hardened(ALGORITHM_NOT_ALLOWED, "PS256 signed with the configured RS256 key (algorithm bound to the key)",
                asymmetric("{\"alg\":\"PS256\"}", audClaims, RSA.getPrivate(), "PS256"));
        hardened(BAD_SIGNATURE, "RS256 signature one byte short", dropLastSignatureByte(asymmetric("{\"alg\":\"RS256\"}", audClaims,
                RSA.getPrivate(), "RS256")));
        hardened(BAD_SIGNATURE, "ES256 psychic signature r = s = 0 (CVE-2022-21449)",
                b64url("{\"alg\":\"ES256\",\"kid\":\"" + EC_KID + "\"}")
                + "." + payload + "." + b64url(new byte[64]));
        hardened(BAD_SIGNATURE, "ES256 psychic signature r = s = n (the group order)", b64url("{\"alg\":\"ES256\"}") + "." + payload + "."
                + b64url(concat(unsigned32(P256_ORDER), unsigned32(P256_ORDER))));
        hardened(BAD_SIGNATURE, "ES256 signed by another EC key",
                asymmetric("{\"alg\":\"ES256\"}", audClaims, ATTACKER_EC.getPrivate(), "ES256"));
        hardened(BAD_SIGNATURE, "ES256 signature in DER instead of r||s", derEs256(audClaims));
        hardened(BAD_SIGNATURE, "ES256 with an embedded attacker jwk",
                asymmetric("{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\"}}",
                audClaims, ATTACKER_EC.getPrivate(), "ES256"));
        hardened(MALFORMED_TOKEN, "alg none on the key-set server", b64url("{\"alg\":\"none\"}") + "." + payload + ".");
    }

    private void signatureAndStructure() {
        group = "signature and structure damage";
        attack(MALFORMED_TOKEN, "signature removed, dot kept (null signature)", parts[0] + "." + parts[1] + ".");
        attack(MALFORMED_TOKEN, "two segments", parts[0] + "." + parts[1]);
        attack(BAD_SIGNATURE, "signature of another token", parts[0] + "." + b64url("{" + exp + ",\"admin\":true}") + "." + parts[2]);
        // Cut where its last character's unused bits are zero, so it is still canonical: a 31-byte prefix of the MAC.
        // (Cut anywhere, whether it stays canonical depends on the token minted, and with it the reason.)
        String[] cut = findValid(t -> (BASE64URL.indexOf(t.split("\\.")[2].charAt(41)) & 0x0F) == 0).split("\\.");
        attack(BAD_SIGNATURE, "signature truncated to 42 characters, still canonical (31 bytes)", cut[0] + "." + cut[1] + "."
                + cut[2].substring(0, 42));
        attack(BAD_SIGNATURE, "signature with 4 characters appended", valid + "AAAA");
        attack(BAD_SIGNATURE, "signature all zero bytes", parts[0] + "." + parts[1] + "." + b64url(new byte[32]));
        attack(BAD_SIGNATURE, "signature with its first character changed", parts[0] + "." + parts[1] + "." + flipFirst(parts[2]));
        attack(BAD_SIGNATURE, "signature in hex",
                parts[0] + "." + parts[1] + "." + HexFormat.of().formatHex(Base64.getUrlDecoder().decode(parts[2])));
        attack(ALGORITHM_NOT_ALLOWED, "header and payload swapped", parts[1] + "." + parts[0] + "." + parts[2]);
        attack(MALFORMED_TOKEN, "a fourth segment", valid + "." + parts[1]);
        attack(MALFORMED_TOKEN, "a trailing dot", valid + ".");
        attack(MALFORMED_TOKEN, "a leading dot", "." + valid);
        attack(MALFORMED_TOKEN, "an empty segment between header and payload", parts[0] + ".." + parts[1] + "." + parts[2]);
        attack(MALFORMED_TOKEN, "only dots", "...");
        attack(MALFORMED_TOKEN, "raw JSON instead of base64url", HS256_HEADER + "." + claims + "." + parts[2]);
        attack(MALFORMED_TOKEN, "header not JSON", sign("alg=HS256", claims, SECRET));
        attack(MALFORMED_TOKEN, "payload not JSON", sign(HS256_HEADER, "exp=" + (now + 3600), SECRET));
        attack(MALFORMED_TOKEN, "header a JSON array", sign("[\"HS256\"]", claims, SECRET));
        attack(MALFORMED_TOKEN, "payload a JSON string", sign(HS256_HEADER, "\"" + exp + "\"", SECRET));
        attack(MALFORMED_TOKEN, "payload with a byte order mark", sign(HS256_HEADER, "\uFEFF" + claims, SECRET));
        attack(MALFORMED_TOKEN, "payload of invalid UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8), concat(("{" + exp
                + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}".getBytes(StandardCharsets.UTF_8)),
                SECRET));
        attack(MALFORMED_TOKEN, "payload of overlong UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8), concat(("{" + exp
                + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}".getBytes(StandardCharsets.UTF_8)),
                SECRET));
        attack(MALFORMED_TOKEN, "arrays nested 2000 deep (Nimbus CVE-2025-53864)",
                sign(HS256_HEADER, "{" + exp + ",\"a\":" + "[".repeat(2000)
                + "]".repeat(2000) + "}", SECRET));
        attack(MALFORMED_TOKEN, "objects nested 800 deep", sign(HS256_HEADER, "{" + exp + ",\"a\":" + "{\"a\":".repeat(800) + "1"
                + "}".repeat(800) + "}", SECRET));
        attack(MALFORMED_TOKEN, "payload with a trailing comma", sign(HS256_HEADER, "{" + exp + ",}", SECRET));
        attack(MALFORMED_TOKEN, "payload with a leading-zero number", sign(HS256_HEADER, "{" + exp + ",\"n\":007}", SECRET));
        attack(MALFORMED_TOKEN, "payload with a raw control character", sign(HS256_HEADER, "{" + exp + ",\"s\":\"a\u0001b\"}", SECRET));
        attack(MALFORMED_TOKEN, "payload with a single-quoted name", sign(HS256_HEADER, "{'exp':" + (now + 3600) + "}", SECRET));
        attack(MALFORMED_TOKEN, "payload followed by a second object", sign(HS256_HEADER, claims + "{}", SECRET));
        attack(MALFORMED_TOKEN, "JWS JSON serialization (flattened) as the header value",
                "{\"protected\":\"" + parts[0] + "\",\"payload\":\""
                + parts[1] + "\",\"signature\":\"" + parts[2] + "\"}");
        attack(MALFORMED_TOKEN, "the literal null", "null");
        attack(MALFORMED_TOKEN, "the literal undefined", "undefined");
        attack(MALFORMED_TOKEN, "the whole token base64-encoded once more", b64url(valid));
    }

    private void nonCanonicalBase64url() {
        group = "non-canonical base64url";
        String dashed = findValid(t -> t.split("\\.")[2].matches(".*[-_].*"));
        String[] d = dashed.split("\\.");
        String payloadDashed = findValid(t -> t.split("\\.")[1].matches(".*[-_].*"));
        String[] p = payloadDashed.split("\\.");
        String oddPayload = findValid(t -> t.split("\\.")[1].length() % 4 != 0);
        String[] o = oddPayload.split("\\.");
        String oddHeader = findToken(i -> sign("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(i) + "\"}", claims, SECRET),
                t -> t.split("\\.")[0].length() % 4 != 0);
        String[] h = oddHeader.split("\\.");
        attack(MALFORMED_TOKEN, "signature padded with =", valid + "=");
        attack(MALFORMED_TOKEN, "payload padded with ==", o[0] + "." + o[1] + "=".repeat(4 - o[1].length() % 4) + "." + o[2]);
        attack(MALFORMED_TOKEN, "header padded with =", h[0] + "=".repeat(4 - h[0].length() % 4) + "." + h[1] + "." + h[2]);
        attack(MALFORMED_TOKEN, "signature in the standard alphabet (+ and /)",
                d[0] + "." + d[1] + "." + d[2].replace('-', '+').replace('_', '/'));
        attack(MALFORMED_TOKEN, "payload in the standard alphabet (+ and /)",
                p[0] + "." + p[1].replace('-', '+').replace('_', '/') + "." + p[2]);
        attack(MALFORMED_TOKEN, "signature with non-zero trailing bits (same bytes to a lenient decoder)", parts[0] + "." + parts[1] + "."
                + withTrailingBits(parts[2]));
        attack(MALFORMED_TOKEN, "payload with non-zero trailing bits", o[0] + "." + withTrailingBits(o[1]) + "." + o[2]);
        attack(MALFORMED_TOKEN, "header with non-zero trailing bits", withTrailingBits(h[0]) + "." + h[1] + "." + h[2]);
        attack(MALFORMED_TOKEN, "signature in standard base64 with padding", d[0] + "." + d[1] + "."
                + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(d[2])));
        attack(MALFORMED_TOKEN, "a space inside the signature",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20) + " " + parts[2].substring(20));
        attack(MALFORMED_TOKEN, "a tab inside the payload",
                parts[0] + "." + parts[1].substring(0, 10) + "\t" + parts[1].substring(10) + "." + parts[2]);
        attack(MALFORMED_TOKEN, "percent-encoded dot", parts[0] + "%2E" + parts[1] + "." + parts[2]);
        attack(MALFORMED_TOKEN, "percent-encoded padding appended", valid + "%3D");
        attack(MALFORMED_TOKEN, "a segment of length 1 mod 4", parts[0] + "." + parts[1] + "A." + parts[2]);
        attack(MALFORMED_TOKEN, "a Latin-1 letter inside the payload",
                parts[0] + "." + parts[1].substring(0, 5) + "\u00e9" + parts[1].substring(5) + "."
                + parts[2]);
    }

    private void claimsAndTime() {
        group = "claims";
        String[] malformedExp = {"\"" + (now + 3600) + "\"", "null", "true", "[" + (now + 3600) + "]", "{\"v\":" + (now + 3600) + "}",
            "0", "-1", "-0", "1e300", "9007199254740993", "9".repeat(5000)};
        String[] names = {"a string", "null", "true", "an array", "an object", "zero", "negative", "minus zero", "1e300",
            "2^53 + 1", "5000 digits"};
        for (int i = 0; i < malformedExp.length; i++) {
            attack(MALFORMED_CLAIMS, "exp " + names[i], sign(HS256_HEADER, "{\"exp\":" + malformedExp[i] + "}", SECRET));
        }
        // Beyond what the JSON reader takes as a number at all, and a real number that is a date in 1970.
        attack(MALFORMED_TOKEN, "exp 1e999999999999 (beyond BigDecimal)", sign(HS256_HEADER, "{\"exp\":1e999999999999}", SECRET));
        attack(EXPIRED, "exp 1e-7 (1970)", sign(HS256_HEADER, "{\"exp\":1e-7}", SECRET));
        attack(MISSING_EXPIRATION, "exp missing", sign(HS256_HEADER, "{\"iat\":" + now + "}", SECRET));
        attack(MISSING_EXPIRATION, "empty claims", sign(HS256_HEADER, "{}", SECRET));
        attack(EXPIRED, "exp a second ago", sign(HS256_HEADER, "{\"exp\":" + (now - 1) + "}", SECRET));
        attack(EXPIRED, "exp half a second ago", sign(HS256_HEADER, "{\"exp\":" + (now - 1) + ".5}", SECRET));
        attack(EXPIRED, "exp in 1970", sign(HS256_HEADER, "{\"exp\":1}", SECRET));
        attack(MALFORMED_TOKEN, "exp twice, past then future", sign(HS256_HEADER, "{\"exp\":1," + exp + "}", SECRET));
        attack(MALFORMED_TOKEN, "exp twice, future then past", sign(HS256_HEADER, "{" + exp + ",\"exp\":1}", SECRET));
        attack(MISSING_EXPIRATION, "exp only in the header", sign("{\"alg\":\"HS256\"," + exp + "}", "{\"iat\":" + now + "}", SECRET));
        attack(MALFORMED_TOKEN, "exp with a plus sign (not JSON)", sign(HS256_HEADER, "{\"exp\":+" + (now + 3600) + "}", SECRET));
        attack(MALFORMED_TOKEN, "exp in hex (not JSON)", sign(HS256_HEADER, "{\"exp\":0x7fffffff}", SECRET));
        attack(MALFORMED_TOKEN, "exp Infinity (not JSON)", sign(HS256_HEADER, "{\"exp\":Infinity}", SECRET));
        attack(MALFORMED_TOKEN, "exp NaN (not JSON)", sign(HS256_HEADER, "{\"exp\":NaN}", SECRET));
        attack(NOT_YET_VALID, "nbf an hour ahead", sign(HS256_HEADER, "{" + exp + ",\"nbf\":" + (now + 3600) + "}", SECRET));
        attack(NOT_YET_VALID, "nbf 1e300", sign(HS256_HEADER, "{" + exp + ",\"nbf\":1e300}", SECRET));
        attack(MALFORMED_CLAIMS, "nbf a string", sign(HS256_HEADER, "{" + exp + ",\"nbf\":\"" + now + "\"}", SECRET));
        attack(MALFORMED_CLAIMS, "nbf null", sign(HS256_HEADER, "{" + exp + ",\"nbf\":null}", SECRET));
        attack(NOT_YET_VALID, "nbf of 5000 digits", sign(HS256_HEADER, "{" + exp + ",\"nbf\":" + "9".repeat(5000) + "}", SECRET));
        attack(MALFORMED_CLAIMS, "iat a string", sign(HS256_HEADER, "{" + exp + ",\"iat\":\"yesterday\"}", SECRET));
        attack(MALFORMED_CLAIMS, "aud a number", sign(HS256_HEADER, "{" + exp + ",\"aud\":1}", SECRET));
        attack(MALFORMED_CLAIMS, "aud an array holding a number", sign(HS256_HEADER, "{" + exp + ",\"aud\":[\"a\",1]}", SECRET));
        attack(MALFORMED_CLAIMS, "aud an object", sign(HS256_HEADER, "{" + exp + ",\"aud\":{}}", SECRET));
    }

    private void audience() {
        group = "audience (expected audience configured)";
        String[] auds = {null, "\"other.example.com\"", "\"API.EXAMPLE.COM\"", "[\"other.example.com\"]", "[]", "\"" + AUDIENCE + " \"",
            "\"api.example\"", "\"" + AUDIENCE + ".attacker.example\""};
        String[] names = {"aud missing", "aud another API", "aud in other case", "aud array without ours", "aud empty array",
            "aud with a trailing space", "aud a prefix of ours", "aud ours as a subdomain prefix"};
        for (int i = 0; i < auds.length; i++) {
            hardened(AUDIENCE_MISMATCH, names[i] + ", genuinely signed", sign("{\"alg\":\"HS256\",\"kid\":\"" + HS_KID + "\"}", "{"
                    + exp + (auds[i] == null ? "" : ",\"aud\":" + auds[i]) + "}", SECRET));
        }
        // null is no audience at all, neither a string nor an array of them.
        hardened(MALFORMED_CLAIMS, "aud null, genuinely signed", sign("{\"alg\":\"HS256\",\"kid\":\"" + HS_KID + "\"}", "{" + exp
                + ",\"aud\":null}", SECRET));
        hardened(AUDIENCE_MISMATCH, "aud of another API, RS256 genuinely signed", asymmetric("{\"alg\":\"RS256\"}", "{" + exp
                + ",\"aud\":\"other.example.com\"}", RSA.getPrivate(), "RS256"));
    }

    private void jweAndNesting() {
        group = "JWE and nesting";
        byte[] iv = new byte[12];
        byte[] tag = new byte[16];
        attack(MALFORMED_TOKEN, "five-segment JWE, dir + A128GCM", b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + b64url(iv) + "."
                + b64url("ciphertext") + "." + b64url(tag));
        attack(MALFORMED_TOKEN, "JWE with PBES2 p2c 2^31-1 (jose4j CVE-2023-51775)",
                b64url("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128CBC-HS256\","
                + "\"p2c\":2147483647,\"p2s\":\"" + b64url(new byte[16]) + "\"}") + "." + b64url(new byte[40]) + "." + b64url(new byte[16])
                + "." + b64url(new byte[32]) + "." + b64url(new byte[16]));
        attack(MALFORMED_TOKEN, "compressed JWE, zip DEF bomb (jose4j CVE-2024-29371)",
                b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"zip\":\"DEF\"}")
                + ".." + b64url(iv) + "." + b64url(deflate("0".repeat(200_000))) + "." + b64url(tag));
        attack(MALFORMED_TOKEN, "JWE wrapping an alg none token (pac4j CVE-2021-44878)",
                b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}")
                + ".." + b64url(iv) + "." + b64url(b64url("{\"alg\":\"none\"}") + "." + b64url(claims) + ".") + "." + b64url(tag));
        attack(MALFORMED_TOKEN, "JWE with RSA-OAEP",
                b64url("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + "." + b64url(new byte[256]) + "."
                + b64url(iv) + "." + b64url("x") + "." + b64url(tag));
        attack(MALFORMED_TOKEN, "a genuine token with two more segments", valid + "." + parts[1] + "." + parts[2]);
        attack(UNSUPPORTED_HEADER_PARAMETER, "JWE header (enc) in a three-segment token, with the real secret",
                sign("{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}", claims,
                SECRET));
        attack(UNSUPPORTED_HEADER_PARAMETER, "nested JWS: cty JWT around a genuine token, outer with the real secret",
                sign("{\"alg\":\"HS256\",\"cty\":\"JWT\"}",
                valid, SECRET));
        attack(MALFORMED_TOKEN, "nested JWS: cty JWT around a genuine token, outer alg none",
                b64url("{\"alg\":\"none\",\"cty\":\"JWT\"}") + "."
                + b64url(valid) + ".");
        attack(UNSUPPORTED_HEADER_PARAMETER, "nested JWS: cty JWT around a genuine token, outer by the attacker",
                sign("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", valid,
                ATTACKER_SECRET));
        attack(MALFORMED_TOKEN, "JWS general JSON serialization",
                "{\"payload\":\"" + parts[1] + "\",\"signatures\":[{\"protected\":\"" + parts[0]
                + "\",\"signature\":\"" + parts[2] + "\"}]}");
    }

    private void transport() {
        group = "transport";
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "no token header");
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "empty token header", "Approov-Token", "");
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "whitespace-only token header", "Approov-Token", "   ");
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "two lines, both the genuine token",
                "Approov-Token", valid, "Approov-Token", valid);
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "two lines, genuine then garbage",
                "Approov-Token", valid, "Approov-Token", "x");
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "two lines, garbage then genuine",
                "Approov-Token", "x", "Approov-Token", valid);
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "two lines with names in different case",
                "approov-token", valid,
                "APPROOV-TOKEN", valid);
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "two lines, expired then genuine", "Approov-Token",
                sign(HS256_HEADER, "{\"exp\":" + (now - 10) + "}", SECRET), "Approov-Token", valid);
        add(PROTECTED, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "fifty token lines", repeat("Approov-Token", valid, 50));
        attack(MALFORMED_TOKEN, "two tokens comma-joined in one line", valid + "," + valid);
        attack(MALFORMED_TOKEN, "two tokens comma-space-joined in one line", valid + ", " + valid);
        attack(MALFORMED_TOKEN, "Bearer prefix", "Bearer " + valid);
        attack(MALFORMED_TOKEN, "bearer prefix in lower case", "bearer " + valid);
        attack(MALFORMED_TOKEN, "Approov prefix", "Approov " + valid);
        attack(MALFORMED_TOKEN, "token in double quotes", "\"" + valid + "\"");
        add(PROTECTED + "?Approov-Token=" + valid, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token in the query string only");
        add(PROTECTED + "?token=" + valid + "&approov_token=" + valid, "GET", refused(MISSING_TOKEN), Target.DEFAULT,
                "token in other query parameters");
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token as Authorization: Bearer", "Authorization", "Bearer " + valid);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token as bare Authorization", "Authorization", valid);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token in a cookie", "Cookie", "Approov-Token=" + valid);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token in X-Approov-Token", "X-Approov-Token", valid);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token in Approov_Token (underscore)", "Approov_Token", valid);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "token in Approov-Token2", "Approov-Token2", valid);
        add(PROTECTED, "HEAD", refused(MISSING_TOKEN), Target.DEFAULT, "HEAD without a token");
        add(PROTECTED, "DELETE", container(405), Target.DEFAULT, "DELETE without a token");
    }

    private void binding() {
        group = "binding (@ApproovBound)";
        String bound = sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(BEARER) + "\"}", SECRET);
        add(BOUND, "GET", refused(MISSING_BINDING_HEADER), Target.DEFAULT, "no Authorization", "Approov-Token", bound);
        add(BOUND, "GET", refused(MISSING_BINDING_HEADER), Target.DEFAULT, "empty Authorization",
                "Approov-Token", bound, "Authorization", "");
        add(BOUND, "GET", refused(DUPLICATE_BINDING_HEADER), Target.DEFAULT, "two Authorization lines, both the bound value",
                "Approov-Token", bound,
                "Authorization", BEARER, "Authorization", BEARER);
        add(BOUND, "GET", refused(DUPLICATE_BINDING_HEADER), Target.DEFAULT, "Authorization split over two lines", "Approov-Token", bound,
                "Authorization", "Bearer", "Authorization", "0123456789abcdef");
        add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, "another Authorization value", "Approov-Token", bound, "Authorization",
                "Bearer fedcba9876543210");
        add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, "Authorization without its scheme",
                "Approov-Token", bound, "Authorization",
                "0123456789abcdef");
        add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, "scheme in lower case", "Approov-Token", bound, "Authorization",
                "bearer 0123456789abcdef");
        add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, "two spaces after the scheme", "Approov-Token", bound, "Authorization",
                "Bearer  0123456789abcdef");
        add(BOUND, "GET", refused(MISSING_BINDING_HEADER), Target.DEFAULT, "the bound value in a cookie instead",
                "Approov-Token", bound, "Cookie",
                "Authorization=" + BEARER.replace(' ', '+'));
        add(BOUND, "GET", refused(MISSING_BINDING_HEADER), Target.DEFAULT, "the bound value in Proxy-Authorization instead",
                "Approov-Token", bound,
                "Proxy-Authorization", BEARER);
        add(BOUND, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "no token, only the Authorization", "Authorization", BEARER);
        add(BOUND, "GET", refused(DUPLICATE_TOKEN_HEADER), Target.DEFAULT, "the bound token twice",
                "Approov-Token", bound, "Approov-Token", bound,
                "Authorization", BEARER);
        // Rule B3: pay must be a non-empty string; rule B4: it must be base64(SHA-256(the value)) exactly.
        Map<String, String> noPay = new LinkedHashMap<>();
        noPay.put("pay missing", null);
        noPay.put("pay empty", "\"\"");
        noPay.put("pay a number", "1");
        noPay.put("pay null", "null");
        noPay.put("pay an array holding the right value", "[\"" + pay(BEARER) + "\"]");
        noPay.put("pay an object", "{\"v\":\"" + pay(BEARER) + "\"}");
        Map<String, String> pays = new LinkedHashMap<>();
        pays.put("pay in base64url without padding", "\"" + pay(BEARER).replace('+', '-').replace('/', '_').replace("=", "") + "\"");
        pays.put("pay in hex", "\"" + HexFormat.of().formatHex(digest("SHA-256", BEARER)) + "\"");
        pays.put("pay the raw value, unhashed", "\"" + BEARER + "\"");
        pays.put("pay over the value without its scheme", "\"" + pay("0123456789abcdef") + "\"");
        pays.put("pay with a trailing newline", "\"" + pay(BEARER) + "\\n\"");
        pays.put("pay upper-cased", "\"" + pay(BEARER).toUpperCase(java.util.Locale.ROOT) + "\"");
        pays.put("pay of SHA-1", "\"" + Base64.getEncoder().encodeToString(digest("SHA-1", BEARER)) + "\"");
        pays.put("pay of SHA-512", "\"" + Base64.getEncoder().encodeToString(digest("SHA-512", BEARER)) + "\"");
        pays.put("pay of the UTF-16 bytes", "\"" + Base64.getEncoder().encodeToString(sha256(BEARER.getBytes(StandardCharsets.UTF_16BE)))
                + "\"");
        for (Map.Entry<String, String> entry : noPay.entrySet()) {
            String token = sign(HS256_HEADER, "{" + exp + (entry.getValue() == null ? "" : ",\"pay\":" + entry.getValue()) + "}", SECRET);
            add(BOUND, "GET", refused(MISSING_PAY_CLAIM), Target.DEFAULT, entry.getKey(), "Approov-Token", token, "Authorization", BEARER);
        }
        for (Map.Entry<String, String> entry : pays.entrySet()) {
            String token = sign(HS256_HEADER, "{" + exp + ",\"pay\":" + entry.getValue() + "}", SECRET);
            add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, entry.getKey(), "Approov-Token", token, "Authorization", BEARER);
        }
        String rightPay = ",\"pay\":\"" + pay(BEARER) + "\"";
        add(BOUND, "GET", refused(MALFORMED_TOKEN), Target.DEFAULT, "pay twice, both right",
                "Approov-Token", sign(HS256_HEADER, "{" + exp + rightPay
                + rightPay + "}", SECRET), "Authorization", BEARER);
        add(BOUND, "GET", refused(EXPIRED), Target.DEFAULT, "pay right, token expired",
                "Approov-Token", sign(HS256_HEADER, "{\"exp\":" + (now - 1)
                + rightPay + "}", SECRET), "Authorization", BEARER);
        add(BOUND, "GET", refused(BAD_SIGNATURE), Target.DEFAULT, "pay right, token signed by the attacker",
                "Approov-Token", sign(HS256_HEADER, "{" + exp
                + rightPay + "}", ATTACKER_SECRET), "Authorization", BEARER);
        add(BOUND, "GET", refused(MALFORMED_TOKEN), Target.DEFAULT, "pay right, alg none",
                "Approov-Token", b64url("{\"alg\":\"none\"}") + "."
                + b64url("{" + exp + rightPay + "}") + ".", "Authorization", BEARER);
        add(BOUND, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "pay right, token in Authorization and no token header",
                "Authorization", bound);
    }

    /**
     * {@code @ApproovBound({"Authorization", "Content-Digest"})}, as Approov's quickstarts bind
     * {@code /token-double-binding}: both headers once each, non-empty, their values concatenated in that order
     * with no separator. Approov's harness cases and the ways around them.
     */
    private void bindingToSeveralHeaders() {
        group = "binding to several headers (@ApproovBound({...}))";
        String both = boundToken(pay(HARNESS_AUTHORIZATION + HARNESS_DIGEST));
        String auth = "Authorization";
        String digest = "Content-Digest";
        doubleBound(MISSING_BINDING_HEADER, "neither header (harness 3.2)", "Approov-Token", both);
        doubleBound(MISSING_BINDING_HEADER, "Authorization missing (harness 5.7)", "Approov-Token", both,
                digest, HARNESS_DIGEST);
        doubleBound(MISSING_BINDING_HEADER, "Content-Digest missing", "Approov-Token", both, auth, HARNESS_AUTHORIZATION);
        doubleBound(MISSING_BINDING_HEADER, "Content-Digest empty", "Approov-Token", both, auth, HARNESS_AUTHORIZATION,
                digest, "");
        doubleBound(MISSING_BINDING_HEADER, "Authorization empty, Content-Digest right", "Approov-Token", both, auth, "",
                digest, HARNESS_DIGEST);
        doubleBound(MISSING_BINDING_HEADER, "both values in Authorization, no Content-Digest", "Approov-Token", both, auth,
                HARNESS_AUTHORIZATION + HARNESS_DIGEST);
        doubleBound(DUPLICATE_BINDING_HEADER, "Content-Digest twice", "Approov-Token", both, auth, HARNESS_AUTHORIZATION,
                digest, HARNESS_DIGEST, digest, HARNESS_DIGEST);
        doubleBound(DUPLICATE_BINDING_HEADER, "Authorization twice, once empty", "Approov-Token", both, auth,
                HARNESS_AUTHORIZATION, auth, "", digest, HARNESS_DIGEST);
        doubleBound(BINDING_MISMATCH, "wrong values (harness 3.3)", "Approov-Token", both, auth, "BadAuthToken==", digest,
                "BadContentDigest==");
        doubleBound(BINDING_MISMATCH, "the values swapped between the headers", "Approov-Token", both, auth,
                HARNESS_DIGEST, digest, HARNESS_AUTHORIZATION);
        doubleBound(BINDING_MISMATCH, "a token bound to the values in the other order", "Approov-Token",
                boundToken(pay(HARNESS_DIGEST + HARNESS_AUTHORIZATION)), auth, HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
        doubleBound(BINDING_MISMATCH, "a token bound to Authorization alone (harness 4.3)", "Approov-Token",
                boundToken(pay(HARNESS_AUTHORIZATION)), auth, HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
        doubleBound(BINDING_MISMATCH, "a token bound to Content-Digest alone", "Approov-Token",
                boundToken(pay(HARNESS_DIGEST)), auth, HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
        for (String separator : List.of(",", ", ", " ", "\n", "\u0000", ":")) {
            doubleBound(BINDING_MISMATCH, "a token bound to the values joined by " + separator.replace("\n", "a newline")
                    .replace("\u0000", "NUL"), "Approov-Token",
                    boundToken(pay(HARNESS_AUTHORIZATION + separator + HARNESS_DIGEST)), auth, HARNESS_AUTHORIZATION,
                    digest, HARNESS_DIGEST);
        }
        doubleBound(BINDING_MISMATCH, "Content-Digest in another case", "Approov-Token", both, auth, HARNESS_AUTHORIZATION,
                digest, HARNESS_DIGEST.toLowerCase(java.util.Locale.ROOT));
        doubleBound(BINDING_MISMATCH, "pay over each value hashed alone, concatenated", "Approov-Token",
                boundToken(pay(HARNESS_AUTHORIZATION) + pay(HARNESS_DIGEST)), auth, HARNESS_AUTHORIZATION, digest,
                HARNESS_DIGEST);
        doubleBound(MISSING_PAY_CLAIM, "a token not bound at all (harness 5.6)", "Approov-Token", valid, auth,
                HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
        doubleBound(BAD_SIGNATURE, "the right pay, signed by the attacker", "Approov-Token",
                sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(HARNESS_AUTHORIZATION + HARNESS_DIGEST) + "\"}",
                        ATTACKER_SECRET), auth, HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
        doubleBound(MISSING_TOKEN, "both headers, no token (harness 4.1)", auth, HARNESS_AUTHORIZATION, digest, HARNESS_DIGEST);
    }

    /**
     * What Approov's SDK reports beside the token, {@code Approov-Status} and {@code Approov-TraceID}, filled with
     * what an attacker would put in a log line: never shown verbatim, whatever the request's fate.
     */
    private void clientReport() {
        group = "client status and trace headers";
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("a genuine token", valid);
        hostile.put("the secret in base64", Base64.getEncoder().encodeToString(SECRET));
        hostile.put("the secret in base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET));
        hostile.put("the secret in hex", HexFormat.of().formatHex(SECRET));
        hostile.put("7 KB of text", "no_network ".repeat(640));
        hostile.put("Latin-1 text", "no_n\u00e9twork \u00e0 Z\u00fcrich");
        hostile.put("a forged log line after a status", "no_network INFO Approov: accepted GET /admin");
        hostile.put("a token's header and payload", parts[0] + "." + parts[1]);
        for (Map.Entry<String, String> entry : hostile.entrySet()) {
            add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "Approov-Status: " + entry.getKey(),
                    "Approov-Status", entry.getValue());
            add(PROTECTED, "GET", refused(BAD_SIGNATURE), Target.DEFAULT, "Approov-TraceID: " + entry.getKey(),
                    "Approov-Token", sign(HS256_HEADER, claims, ATTACKER_SECRET), "Approov-TraceID", entry.getValue());
        }
        add(PROTECTED, "GET", container(400), Target.DEFAULT, "Approov-Status of 10 KB", "Approov-Status",
                "no_network".repeat(1024));
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "Approov-Status twice, both known",
                "Approov-Status", "success", "Approov-Status", "no_network", "Approov-TraceID", SAFE_TRACE_ID);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "a known status, as an offline device sends it",
                "Approov-Status", "no_network", "Approov-TraceID", SAFE_TRACE_ID);
        add(PROTECTED, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "a known status in upper case, an empty token",
                "Approov-Token", "", "Approov-Status", "NO_APPROOV_SERVICE");
    }

    private String boundToken(String pay) {
        return sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay + "\"}", SECRET);
    }

    private void doubleBound(ApproovFailure reason, String name, String... headers) {
        add(DOUBLE_BOUND, "GET", refused(reason), Target.DEFAULT, name, headers);
    }

    private void size() {
        group = "size";
        add(PROTECTED, "GET", container(400), Target.DEFAULT, "a 100 KB token header", "Approov-Token", "A".repeat(100_000));
        add(PROTECTED, "GET", container(400), Target.DEFAULT, "a 100 KB token of genuine shape", "Approov-Token",
                parts[0] + "." + "A".repeat(100_000) + "." + parts[2]);
        add(PROTECTED, "GET", container(400), Target.DEFAULT, "a 9000-character token (over the verifier's 8192)",
                "Approov-Token", sign(HS256_HEADER, "{" + exp + ",\"x\":\"" + "a".repeat(6600) + "\"}", SECRET));
        attack(MALFORMED_TOKEN, "a 7000-character genuinely signed token with junk claims",
                sign(HS256_HEADER, "{" + exp + ",\"x\":\"" + "a".repeat(5000)
                + "\",\"exp\":1}", SECRET));
        attack(EXPIRED, "exp of 5000 digits with a fraction", sign(HS256_HEADER, "{\"exp\":1." + "0".repeat(5000) + "1}", SECRET));
        attack(MALFORMED_CLAIMS, "exp 1e+999999999", sign(HS256_HEADER, "{\"exp\":1e+999999999}", SECRET));
        StringBuilder many = new StringBuilder("{\"exp\":\"soon\"");
        for (int i = 0; i < 400; i++) {
            many.append(",\"c").append(i).append("\":").append(i);
        }
        attack(MALFORMED_CLAIMS, "400 claims with exp a string", sign(HS256_HEADER, many.append('}').toString(), SECRET));
        StringBuilder params = new StringBuilder("{\"alg\":\"HS256\"");
        for (int i = 0; i < 300; i++) {
            params.append(",\"p").append(i).append("\":").append(i);
        }
        attack(BAD_SIGNATURE, "300 header parameters, signed by the attacker",
                sign(params.append('}').toString(), claims, ATTACKER_SECRET));
        String bound = sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(BEARER) + "\"}", SECRET);
        add(BOUND, "GET", container(400), Target.DEFAULT, "a 100 KB Authorization", "Approov-Token", bound, "Authorization",
                "Bearer " + "a".repeat(100_000));
        add(BOUND, "GET", refused(BINDING_MISMATCH), Target.DEFAULT, "a 6 KB Authorization", "Approov-Token", bound, "Authorization",
                "Bearer " + "a".repeat(6_000));
        add(PROTECTED, "GET", container(400), Target.DEFAULT, "a garbage token beside 100 KB of other headers", repeat("X-Pad",
                "p".repeat(1_000), 100, "Approov-Token", "garbage"));
    }

    private void routing() {
        group = "routing";
        add(PROTECTED + "/", "GET", refused(MISSING_TOKEN), Target.DEFAULT, "trailing slash, no token");
        add("/methods/%70rotected", "GET", container(404), Target.DEFAULT, "percent-encoded path, no token");
        add(PROTECTED + ";jsessionid=x", "GET", refused(MISSING_TOKEN), Target.DEFAULT, "matrix parameter, no token");
        add("/" + PROTECTED, "GET", container(404), Target.DEFAULT, "double slash, no token");
        add("/METHODS/protected", "GET", container(404), Target.DEFAULT, "path in upper case, no token");
        add(PROTECTED + "?x=" + valid, "GET", refused(MISSING_TOKEN), Target.DEFAULT, "genuine token in an unrelated query parameter");
        add(BOUND + "/", "GET", refused(MISSING_BINDING_HEADER), Target.DEFAULT,
                "bound endpoint with a trailing slash, token but no binding",
                "Approov-Token", valid);
    }

    private void messageSigning() {
        group = "message signing (@ApproovSigned)";
        String token = ipkToken(DEVICE.getPublic(), "");
        MessageSignature genuine = sdk("GET", SIGNED, token).sign();
        String input = genuine.signatureInput();
        String params = ";alg=\"ecdsa-p256-sha256\";created=" + now + ";expires=" + (now + 3600);
        String inner = input.substring("install=".length(), input.indexOf(";alg="));

        // The fields (rule M4)
        signed(MISSING_MESSAGE_SIGNATURE, "an ipk token and no signature fields", "GET", SIGNED, "Approov-Token", token);
        signed(MISSING_MESSAGE_SIGNATURE, "Signature-Input without Signature",
                "GET", SIGNED, "Approov-Token", token, "Signature-Input", input);
        signed(MISSING_MESSAGE_SIGNATURE, "Signature without Signature-Input",
                "GET", SIGNED, "Approov-Token", token, "Signature", genuine.signature());
        signed(MISSING_MESSAGE_SIGNATURE, "empty Signature-Input",
                "GET", SIGNED, "Approov-Token", token, "Signature-Input", "", "Signature",
                genuine.signature());
        signed(MISSING_MESSAGE_SIGNATURE, "empty Signature",
                "GET", SIGNED, "Approov-Token", token, "Signature-Input", input, "Signature", "");
        signed(REQUIRED_COMPONENT_NOT_COVERED, "Signature-Input twice: the genuine line, then one covering only @method and the token",
                "GET", SIGNED,
                "Approov-Token", token, "Signature-Input", input, "Signature-Input",
                "install=(\"@method\" \"approov-token\")" + params, "Signature", genuine.signature());
        signed(BAD_MESSAGE_SIGNATURE, "Signature twice: the genuine line, then another key's", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input, "Signature", genuine.signature(), "Signature",
                sdk("GET", SIGNED, token, ATTACKER_EC.getPrivate()).sign().signature());
        signed(MISSING_MESSAGE_SIGNATURE, "other labels only (sig1)", "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                input.replace("install=", "sig1="), "Signature", genuine.signature().replace("install=", "sig1="));
        signed(BAD_MESSAGE_SIGNATURE, "the genuine signature under another label, garbage under install",
                "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input, "Signature", genuine.signature().replace("install=", "sig1=") + ", install=:"
                        + Base64.getEncoder().encodeToString(new byte[64]) + ":");
        signed(MALFORMED_MESSAGE_SIGNATURE, "Signature-Input a bare inner list, not a dictionary", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input.substring("install=".length()), "Signature", genuine.signature());
        signed(MALFORMED_MESSAGE_SIGNATURE, "the install input an item, not an inner list",
                "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                "install=\"@method\"" + params, "Signature", genuine.signature());
        signed(MALFORMED_MESSAGE_SIGNATURE, "components as tokens, not strings", "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                input.replace("\"", ""), "Signature", genuine.signature());

        // The algorithm (M5), each otherwise genuinely signed over its own parameters
        String times = ";created=" + now + ";expires=" + (now + 3600);
        for (String alg : List.of(";alg=\"hmac-sha256\"", ";alg=\"rsa-pss-sha512\"", ";alg=\"ed25519\"",
                ";alg=\"ecdsa-p384-sha384\"", ";alg=\"ECDSA-P256-SHA256\"", ";alg=ecdsa-p256-sha256", ";alg=\"\"",
                "", ";alg=\"ecdsa-p256-sha256\";alg=\"hmac-sha256\"")) {
            signedGet(MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED, (alg.isEmpty() ? "alg missing" : alg.substring(1))
                    + ", signed with the installation key", token,
                    sdk("GET", SIGNED, token).parameters(alg + times).sign());
        }

        // Time (M5, M6): the server allows 60 s of clock tolerance and signatures up to an hour old
        signedGet(MESSAGE_SIGNATURE_NOT_YET_VALID, "created an hour in the future",
                token, sdk("GET", SIGNED, token).created(now + 3600).expires(now + 3615).sign());
        signedGet(MESSAGE_SIGNATURE_EXPIRED, "expired 15 minutes ago",
                token, sdk("GET", SIGNED, token).created(now - 1000).expires(now - 900).sign());
        signedGet(MESSAGE_SIGNATURE_EXPIRED, "created two hours ago, not yet expired (too old)",
                token, sdk("GET", SIGNED, token).created(now - 7200)
                .expires(now + 3600).sign());
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "expires missing",
                token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=" + now).sign());
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "expires before created",
                token, sdk("GET", SIGNED, token).created(now).expires(now - 1).sign());
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "created a string",
                token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=\"" + now
                + "\";expires=" + (now + 3600)).sign());
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "created a decimal",
                token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=" + now
                + ".5;expires=" + (now + 3600)).sign());
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "created missing",
                token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";expires="
                + (now + 3600)).sign());

        // The covered components (M5, M7, M8)
        signedGet(MALFORMED_MESSAGE_SIGNATURE, "@method covered twice", token, sdk("GET", SIGNED, token).cover("@method", "GET").sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "@method not covered", token, signer().cover("@target-uri", SIGNED_ORIGIN + SIGNED)
                .cover("approov-token", token).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "the token not covered",
                token, signer().cover("@method", "GET").cover("@target-uri", SIGNED_ORIGIN + SIGNED).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "no target covered (@authority only)", token, signer().cover("@method", "GET")
                .cover("@authority", "api.example.com").cover("approov-token", token).sign());
        signedGet(UNSUPPORTED_MESSAGE_COMPONENT, "an unknown derived component, @status",
                token, sdk("GET", SIGNED, token).cover("@status", "200").sign());
        signedGet(UNSUPPORTED_MESSAGE_COMPONENT, "@signature-params covered as a component", token, sdk("GET", SIGNED, token)
                .cover("@signature-params", inner + params).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "@method in upper case (@Method)", token, signer().cover("@Method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("approov-token", token).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "the token header name in upper case", token, signer().cover("@method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("Approov-Token", token).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "the token covered with the sf parameter", token, signer().cover("@method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).coverIdentifier("\"approov-token\";sf", token).sign());
        signedGet(REQUIRED_COMPONENT_NOT_COVERED, "@method with the req parameter",
                token, signer().coverIdentifier("\"@method\";req", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("approov-token", token).sign());
        signedGet(UNSUPPORTED_MESSAGE_COMPONENT, "@query-param without a name",
                token, sdk("GET", SIGNED, token).coverIdentifier("\"@query-param\"", "").sign());
        signedGet(MISSING_MESSAGE_COMPONENT, "a covered header that is not sent",
                token, sdk("GET", SIGNED, token).cover("x-device-info", "model=a").sign());
        String twice = SIGNED + "?a=1&a=2";
        signed(UNSUPPORTED_MESSAGE_COMPONENT, "@query-param of a name sent twice", "GET", twice, headers(token, sdk("GET", twice, token)
                .coverIdentifier("\"@query-param\";name=\"a\"", "1").sign()));

        // A signature of another request (M8, M9, M11)
        String body = "{\"shape\":\"circle\"}";
        signed(BAD_MESSAGE_SIGNATURE, "signed as a POST, sent as a GET", "GET", SIGNED, headers(token, sdk("POST", SIGNED, token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "the token and its signature lifted onto another path",
                "GET", SIGNED + "/items/1", headers(token, genuine));
        signed(BAD_MESSAGE_SIGNATURE, "signed with ?a=1, sent with ?a=2",
                "GET", SIGNED + "?a=2", headers(token, sdk("GET", SIGNED + "?a=1", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed without a query, sent with ?admin=true",
                "GET", SIGNED + "?admin=true", headers(token, genuine));
        signed(BAD_MESSAGE_SIGNATURE, "signed for another host", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "https://evil.example.com" + SIGNED).cover("approov-token", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed for http://", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "http://api.example.com" + SIGNED).cover("approov-token", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed for another port", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "https://api.example.com:8443" + SIGNED).cover("approov-token", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "a signature of the same device over another of its tokens", "GET", SIGNED,
                headers(token, sdk("GET", SIGNED, ipkToken(DEVICE.getPublic(), ",\"did\":\"another\"")).sign()));
        signedPost(CONTENT_DIGEST_MISMATCH, "the body changed under a covered Content-Digest", "{\"shape\":\"square\"}", token,
                MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8)),
                sdk("POST", SIGNED, token).cover("content-digest", MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8))));

        // The signature's bytes (M10, M11)
        byte[] bytes = genuine.bytes();
        signedBytes(BAD_MESSAGE_SIGNATURE, "r = s = 0 (CVE-2022-21449)",
                token, input, "install=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":");
        byte[] nn = concat(unsigned32(P256_ORDER), unsigned32(P256_ORDER));
        signedBytes(BAD_MESSAGE_SIGNATURE, "r = s = n", token, input, "install=:" + Base64.getEncoder().encodeToString(nn) + ":");
        signedBytes(BAD_MESSAGE_SIGNATURE, "r and s swapped", token, input, "install=:" + Base64.getEncoder().encodeToString(
                concat(Arrays.copyOfRange(bytes, 32, 64), Arrays.copyOfRange(bytes, 0, 32))) + ":");
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "the signature DER-encoded",
                token, input, "install=:" + Base64.getEncoder().encodeToString(der(bytes)) + ":");
        MessageSignature slashy = findSignature(s -> s.signature().contains("+") || s.signature().contains("/"), token);
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "the signature in the base64url alphabet", token, slashy.signatureInput(),
                slashy.signature().replace('+', '-').replace('/', '_'));
        String b64 = Base64.getEncoder().encodeToString(bytes);
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "the signature with non-zero trailing bits",
                token, input, "install=:" + withTrailingBitsPadded(b64) + ":");
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "the signature without its padding",
                token, input, "install=:" + b64.replace("=", "") + ":");
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "the Android string form without its padding",
                token, input, "install=\"" + b64.replace("=", "") + "\"");
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "a 63-byte signature",
                token, input, "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 63)) + ":");
        signedBytes(MALFORMED_MESSAGE_SIGNATURE, "a 65-byte signature",
                token, input, "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 65)) + ":");
        signed(BAD_MESSAGE_SIGNATURE, "signed by another key than the ipk's",
                "GET", SIGNED, headers(token, sdk("GET", SIGNED, token, ATTACKER_EC.getPrivate())
                .sign()));

        // The ipk (M2, M3), each request signed with the installation key over its own token
        String der = ApproovTokens.ipk(DEVICE.getPublic());
        byte[] offCurve = DEVICE.getPublic().getEncoded();
        offCurve[offCurve.length - 1] ^= 1;
        Map<String, String> ipks = new LinkedHashMap<>();
        ipks.put("ipk not base64", "\"not base64!\"");
        ipks.put("ipk a point off the curve", "\"" + Base64.getEncoder().encodeToString(offCurve) + "\"");
        ipks.put("ipk a P-384 key", "\"" + ApproovTokens.ipk(TestKeys.ec("secp384r1").getPublic()) + "\"");
        ipks.put("ipk an RSA key", "\"" + ApproovTokens.ipk(RSA.getPublic()) + "\"");
        ipks.put("ipk a number", "42");
        ipks.put("ipk without its padding", "\"" + der.replace("=", "") + "\"");
        ipks.put("ipk in base64url", "\"" + Base64.getUrlEncoder().encodeToString(DEVICE.getPublic().getEncoded()) + "\"");
        for (Map.Entry<String, String> ipk : ipks.entrySet()) {
            String other = sign(HS256_HEADER, "{" + exp + ",\"ipk\":" + ipk.getValue() + "}", SECRET);
            signed(MALFORMED_INSTALLATION_KEY, ipk.getKey(), "GET", SIGNED, headers(other, sdk("GET", SIGNED, other).sign()));
        }
        // A well-formed key of another installation: the signature by this one does not verify with it.
        String otherInstallation = ipkToken(ATTACKER_EC.getPublic(), "");
        signed(BAD_MESSAGE_SIGNATURE, "ipk another installation's key, signed by this one", "GET", SIGNED, headers(otherInstallation,
                sdk("GET", SIGNED, otherInstallation).sign()));
        String expired = sign(HS256_HEADER, "{\"exp\":" + (now - 1) + ",\"ipk\":\"" + der + "\"}", SECRET);
        signed(EXPIRED, "a genuine signature on an expired ipk token", "GET", SIGNED, headers(expired, sdk("GET", SIGNED, expired).sign()));
        signed(DUPLICATE_TOKEN_HEADER, "the ipk token twice",
                "GET", SIGNED, "Approov-Token", token, "Approov-Token", token, "Signature-Input", input,
                "Signature", genuine.signature());

        // The body (M12): the server requires a covered Content-Digest on any body
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String digest = MessageSignature.contentDigest(bodyBytes);
        signedPost(MISSING_CONTENT_DIGEST, "a body and no Content-Digest", body, token, null, sdk("POST", SIGNED, token));
        signedPost(MISSING_CONTENT_DIGEST, "a right Content-Digest, not covered", body, token, digest, sdk("POST", SIGNED, token));
        String md5 = "md5=:" + Base64.getEncoder().encodeToString(digest("MD5", body)) + ":";
        signedPost(MALFORMED_CONTENT_DIGEST, "a covered Content-Digest of an unknown algorithm only (md5)", body, token, md5,
                sdk("POST", SIGNED, token).cover("content-digest", md5));
        String wrong512 = digest + ", sha-512=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":";
        signedPost(CONTENT_DIGEST_MISMATCH, "a covered Content-Digest: sha-256 right, sha-512 wrong", body, token, wrong512,
                sdk("POST", SIGNED, token).cover("content-digest", wrong512));
        signedPost(MALFORMED_CONTENT_DIGEST, "a covered Content-Digest that is no byte sequence", body, token, "sha-256=\"x\"",
                sdk("POST", SIGNED, token).cover("content-digest", "sha-256=\"x\""));
        for (int size : List.of(MAX_BODY_BYTES + 1, 100_000)) {
            String big = "x".repeat(size);
            String bigDigest = MessageSignature.contentDigest(big.getBytes(StandardCharsets.UTF_8));
            attacks.add(new Request(group, "a genuinely signed and digested body of " + size + " bytes, over the limit",
                    Target.SIGNED, "POST", SIGNED, List.of(headers(token, sdk("POST", SIGNED, token).cover("content-digest", bigDigest)
                            .sign(), "Content-Digest", bigDigest)), refused(MESSAGE_BODY_TOO_LARGE), big));
        }

        // Where the request went (M9): forwarded headers are never trusted, the raw path and query are signed
        MessageSignature forEvil = signer().cover("@method", "GET").cover("@target-uri", "https://evil.example.com" + SIGNED)
                .cover("approov-token", token).sign();
        signed(BAD_MESSAGE_SIGNATURE, "X-Forwarded-Host of the host signed for", "GET", SIGNED, headers(token, forEvil, "X-Forwarded-Host",
                "evil.example.com"));
        signed(BAD_MESSAGE_SIGNATURE, "Forwarded: host and proto of the origin signed for",
                "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "http://evil.example.com" + SIGNED).cover("approov-token", token).sign(), "Forwarded",
                "host=evil.example.com;proto=http"));
        signed(BAD_MESSAGE_SIGNATURE, "X-Forwarded-Proto and X-Forwarded-Port of the origin signed for",
                "GET", SIGNED, headers(token, signer()
                .cover("@method", "GET").cover("@target-uri", "http://api.example.com:8080" + SIGNED).cover("approov-token", token)
                .sign(), "X-Forwarded-Proto", "http", "X-Forwarded-Port", "8080"));
        signed(BAD_MESSAGE_SIGNATURE, "signed %41 in the path, sent A",
                "GET", SIGNED + "/items/A", headers(token, sdk("GET", SIGNED + "/items/%41", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed A in the path, sent %41",
                "GET", SIGNED + "/items/%41", headers(token, sdk("GET", SIGNED + "/items/A", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed %20 in the path, sent +",
                "GET", SIGNED + "/items/a+b", headers(token, sdk("GET", SIGNED + "/items/a%20b", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed %2f in the query, sent %2F",
                "GET", SIGNED + "?q=a%2Fb", headers(token, sdk("GET", SIGNED + "?q=a%2fb", token).sign()));
        signed(BAD_MESSAGE_SIGNATURE, "signed + in the query, sent %20",
                "GET", SIGNED + "?q=a%20b", headers(token, sdk("GET", SIGNED + "?q=a+b", token).sign()));

        // Composed with @ApproovBound: token, then binding, then signature
        String bound = ipkToken(DEVICE.getPublic(), ",\"pay\":\"" + pay(BEARER) + "\"");
        MessageSignature all = sdk("GET", SIGNED_ALL, bound).sign();
        signed(MISSING_BINDING_HEADER, "bound and signed: no Authorization", "GET", SIGNED_ALL, headers(bound, all));
        signed(BINDING_MISMATCH, "bound and signed: another Authorization",
                "GET", SIGNED_ALL, headers(bound, all, "Authorization", "Bearer other"));
        signed(MISSING_MESSAGE_SIGNATURE, "bound and signed: the right Authorization, no signature",
                "GET", SIGNED_ALL, "Approov-Token", bound,
                "Authorization", BEARER);
        signed(BAD_MESSAGE_SIGNATURE, "bound and signed: the right Authorization, the signature of /signed", "GET", SIGNED_ALL,
                headers(bound, sdk("GET", SIGNED, bound).sign(), "Authorization", BEARER));
        signed(BAD_MESSAGE_SIGNATURE, "bound and signed: a covered Authorization replaced by the bound one", "GET", SIGNED_ALL,
                headers(bound, sdk("GET", SIGNED_ALL, bound).cover("authorization", "Bearer other").sign(), "Authorization", BEARER));
    }

    private void accountSigning() {
        group = "account message signing (@ApproovSigned, account key)";
        String token = accountToken("\"" + ACCOUNT_KEY_ID + "\"", "");
        MessageSignature genuine = account("GET", SIGNED, token).sign();
        String input = genuine.signatureInput();
        String times = ";created=" + now + ";expires=" + (now + 3600);

        // Which signature (rule A1): a token without ipk that names the account key needs the account signature
        account(MISSING_ACCOUNT_SIGNATURE, "an mskid token and no signature fields", "GET", SIGNED, "Approov-Token", token);
        account(MISSING_ACCOUNT_SIGNATURE, "an mskid token with an installation signature only (its token has no ipk)",
                "GET", SIGNED, headers(token, sdk("GET", SIGNED, token).sign()));
        account(MISSING_ACCOUNT_SIGNATURE, "the genuine account signature under another label (sig1)", "GET", SIGNED,
                "Approov-Token", token, "Signature-Input", input.replace("account=", "sig1="), "Signature",
                genuine.signature().replace("account=", "sig1="));
        String both = ipkToken(DEVICE.getPublic(), ",\"mskid\":\"" + ACCOUNT_KEY_ID + "\"");
        account(BAD_MESSAGE_SIGNATURE, "an ipk token: another key's installation signature beside a genuine account one",
                "GET", SIGNED, headers(both, MessageSignature.combinedHeaders(sdk("GET", SIGNED, both, ATTACKER_EC.getPrivate())
                        .sign(), account("GET", SIGNED, both).sign())));
        account(MISSING_MESSAGE_SIGNATURE, "an ipk token with a genuine account signature only", "GET", SIGNED,
                headers(both, account("GET", SIGNED, both).sign()));

        // The key (A2): chosen by the token's mskid, never loaded or fetched
        for (String mskid : List.of("\"msk-2027\"", "\"MSK-2026\"", "\"msk-2026 \"", "\"\"", "2026", "null",
                "[\"" + ACCOUNT_KEY_ID + "\"]", "\"https://attacker.example/key\"", "\"../../../../dev/null\"")) {
            String other = accountToken(mskid, "");
            if (mskid.equals("null")) {
                // no mskid at all: a fail-over token, which passes as token-only (see the legitimate variants)
                continue;
            }
            account(UNKNOWN_ACCOUNT_KEY_ID, "mskid " + mskid + ", signed with the genuine account key", "GET", SIGNED,
                    headers(other, account("GET", SIGNED, other).sign()));
        }
        account(BAD_ACCOUNT_SIGNATURE, "signed with another account key", "GET", SIGNED,
                headers(token, account("GET", SIGNED, token, ATTACKER_ACCOUNT_KEY).sign()));
        account(BAD_ACCOUNT_SIGNATURE, "signed with the token secret as the account key", "GET", SIGNED,
                headers(token, account("GET", SIGNED, token, SECRET).sign()));

        // The algorithm (A3), each otherwise genuinely signed with the account key
        for (String alg : List.of(";alg=\"ecdsa-p256-sha256\"", ";alg=\"hmac-sha512\"", ";alg=\"HMAC-SHA256\"",
                ";alg=hmac-sha256", ";alg=\"hs256\"", "")) {
            accountGet(ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED, (alg.isEmpty() ? "alg missing" : alg.substring(1))
                    + " under the label account", token, account("GET", SIGNED, token).parameters(alg + times).sign());
        }

        // Time (A3)
        accountGet(ACCOUNT_SIGNATURE_NOT_YET_VALID, "account signature created an hour in the future", token,
                account("GET", SIGNED, token).created(now + 3600).expires(now + 3615).sign());
        accountGet(ACCOUNT_SIGNATURE_EXPIRED, "account signature expired 15 minutes ago", token,
                account("GET", SIGNED, token).created(now - 1000).expires(now - 900).sign());
        accountGet(ACCOUNT_SIGNATURE_EXPIRED, "account signature created two hours ago (too old)", token,
                account("GET", SIGNED, token).created(now - 7200).expires(now + 3600).sign());
        accountGet(MALFORMED_ACCOUNT_SIGNATURE, "account signature without expires", token,
                account("GET", SIGNED, token).parameters(";alg=\"hmac-sha256\";created=" + now).sign());

        // The covered components (A3)
        accountGet(ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED, "the token not covered by the account signature", token,
                accountSigner(ACCOUNT_KEY).cover("@method", "GET").cover("@target-uri", SIGNED_ORIGIN + SIGNED).sign());
        accountGet(UNSUPPORTED_ACCOUNT_MESSAGE_COMPONENT, "@status covered by the account signature", token,
                account("GET", SIGNED, token).cover("@status", "200").sign());
        accountGet(MISSING_ACCOUNT_MESSAGE_COMPONENT, "a covered header not sent (account)", token,
                account("GET", SIGNED, token).cover("x-device-info", "model=a").sign());
        accountGet(MALFORMED_ACCOUNT_SIGNATURE, "@method covered twice (account)", token,
                account("GET", SIGNED, token).cover("@method", "GET").sign());

        // What was signed (A5): another request, or another token
        account(BAD_ACCOUNT_SIGNATURE, "account-signed for one path, sent to another", "GET", SIGNED + "/items/1",
                headers(token, genuine));
        account(BAD_ACCOUNT_SIGNATURE, "account-signed as a GET, sent as a POST", "POST", SIGNED, headers(token, genuine));
        account(BAD_ACCOUNT_SIGNATURE, "account-signed without a query, sent with one", "GET", SIGNED + "?admin=true",
                headers(token, genuine));
        account(BAD_ACCOUNT_SIGNATURE, "account-signed for another host", "GET", SIGNED, headers(token, accountSigner(ACCOUNT_KEY)
                .cover("@method", "GET").cover("@target-uri", "https://evil.example.com" + SIGNED).cover("approov-token", token)
                .sign(), "X-Forwarded-Host", "evil.example.com"));
        account(BAD_ACCOUNT_SIGNATURE, "the account signature of another token with the same mskid", "GET", SIGNED,
                headers(token, account("GET", SIGNED, accountToken("\"" + ACCOUNT_KEY_ID + "\"", ",\"did\":\"other\"")).sign()));
        String body = "{\"shape\":\"circle\"}";
        String digest = MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8));
        accountPost(CONTENT_DIGEST_MISMATCH, "the body changed under a covered Content-Digest (account)", "{\"shape\":\"square\"}",
                token, digest, account("POST", SIGNED, token).cover("content-digest", digest));
        accountPost(MISSING_CONTENT_DIGEST, "a body without Content-Digest (account)", body, token, null, account("POST", SIGNED, token));

        // The signature's bytes (A4, A5)
        byte[] mac = genuine.bytes();
        String base64 = Base64.getEncoder().encodeToString(mac);
        for (Map.Entry<String, String> value : Map.of(
                "a 31-byte account signature", "account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(mac, 31)) + ":",
                "a 33-byte account signature", "account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(mac, 33)) + ":",
                "a 64-byte account signature", "account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(mac, 64)) + ":",
                "the account signature without padding", "account=:" + base64.replace("=", "") + ":",
                "the account signature as an unpadded string", "account=\"" + base64.replace("=", "") + "\"",
                "the account signature in hex", "account=\"" + java.util.HexFormat.of().formatHex(mac) + "\"").entrySet()) {
            account(MALFORMED_ACCOUNT_SIGNATURE, value.getKey(), "GET", SIGNED, "Approov-Token", token, "Signature-Input", input,
                    "Signature", value.getValue());
        }
        account(BAD_ACCOUNT_SIGNATURE, "an account signature of 32 zero bytes", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input, "Signature", "account=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":");
        account(BAD_ACCOUNT_SIGNATURE, "an account signature that is the unkeyed SHA-256 of the base", "GET", SIGNED,
                "Approov-Token", token, "Signature-Input", input, "Signature",
                "account=:" + Base64.getEncoder().encodeToString(sha256(genuine.base().getBytes(StandardCharsets.US_ASCII))) + ":");
        account(MALFORMED_ACCOUNT_SIGNATURE, "Signature-Input no dictionary (account)", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input.substring("account=".length()), "Signature", genuine.signature());
    }

    /**
     * Replays of a single-use order: each case is its own order (its own body), sent once and accepted, then
     * sent again as the case says. The same signature base is the same request, however the signature and the
     * fields around it are spelled: refused as a replay. Then a replay while the store cannot answer: 503.
     */
    private void replays() {
        group = "replay (@ApproovSigned(singleUse = true))";
        String token = ipkToken(DEVICE.getPublic(), "");

        Order same = order(sdk("POST", ORDERS, token));
        String[] sent = same.headers(token, same.sign());
        replay(Target.SIGNED, "the same signed order sent again", same, sent, sent);

        Order reordered = order(sdk("POST", ORDERS, token));
        MessageSignature genuine = reordered.sign();
        replay(Target.SIGNED, "the same order, its header lines in another order", reordered,
                reordered.headers(token, genuine),
                new String[] {"Signature", genuine.signature(), "Content-Digest", reordered.digest(),
                    "Signature-Input", genuine.signatureInput(), "Approov-Token", token});

        Order spelled = order(sdk("POST", ORDERS, token));
        genuine = spelled.sign();
        replay(Target.SIGNED, "the same signature bytes in the other spelling (Android's sf-String)", spelled,
                spelled.headers(token, genuine), new String[] {"Approov-Token", token, "Content-Digest", spelled.digest(),
                    "Signature-Input", genuine.signatureInput(), "Signature", genuine.signatureAsString()});

        Order resigned = order(sdk("POST", ORDERS, token));
        replay(Target.SIGNED, "the same base signed again by the device (new ECDSA bytes)", resigned,
                resigned.headers(token, resigned.sign()), resigned.headers(token, resigned.sign()));

        Order malleated = order(sdk("POST", ORDERS, token));
        genuine = malleated.sign();
        byte[] rs = genuine.bytes();
        java.math.BigInteger s = new java.math.BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        byte[] highS = concat(Arrays.copyOfRange(rs, 0, 32), unsigned32(P256_ORDER.subtract(s)));
        replay(Target.SIGNED, "the same signature malleated to (r, n - s), which verifies too", malleated,
                malleated.headers(token, genuine), new String[] {"Approov-Token", token, "Content-Digest",
                    malleated.digest(), "Signature-Input", genuine.signatureInput(), "Signature", "install=:"
                    + Base64.getEncoder().encodeToString(highS) + ":"});

        Order extra = order(sdk("POST", ORDERS, token));
        genuine = extra.sign();
        replay(Target.SIGNED, "the same order with an uncovered header added (X-Request-Id)", extra,
                extra.headers(token, genuine), extra.headers(token, genuine, "X-Request-Id", "retry-2"));

        Order spaced = order(sdk("POST", ORDERS, token));
        genuine = spaced.sign();
        String input = genuine.signatureInput();
        replay(Target.SIGNED, "the same Signature-Input respelled with more spaces (the same parsed value)", spaced,
                spaced.headers(token, genuine), new String[] {"Approov-Token", token, "Content-Digest", spaced.digest(),
                    "Signature-Input", input.replace("(", "(  ").replace("\" \"", "\"   \"").replace(")", "  )"),
                    "Signature", genuine.signature()});

        Order labelled = order(sdk("POST", ORDERS, token));
        genuine = labelled.sign();
        replay(Target.SIGNED, "the same signature beside another label, over two lines", labelled,
                labelled.headers(token, genuine), new String[] {"Approov-Token", token, "Content-Digest", labelled.digest(),
                    "Signature-Input", genuine.signatureInput().replace("install=", "sig1="), "Signature-Input",
                    genuine.signatureInput(), "Signature", "sig1=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":",
                    "Signature", genuine.signature()});

        String accountToken = accountToken("\"" + ACCOUNT_KEY_ID + "\"", "");
        Order accountOrder = order(account("POST", ORDERS, accountToken));
        String[] accountSent = accountOrder.headers(accountToken, accountOrder.sign());
        replay(Target.ACCOUNT, "an account-signed order sent again", accountOrder, accountSent, accountSent);
        Order accountSpelled = order(account("POST", ORDERS, accountToken));
        genuine = accountSpelled.sign();
        replay(Target.ACCOUNT, "an account-signed order again, its MAC as an sf-String", accountSpelled,
                accountSpelled.headers(accountToken, genuine), new String[] {"Approov-Token", accountToken, "Content-Digest",
                    accountSpelled.digest(), "Signature-Input", genuine.signatureInput(), "Signature",
                    genuine.signatureAsString()});

        Order unsigned = order(sdk("POST", ORDERS, token));
        attacks.add(new Request(group, "an order with a token that needs no signature (no ipk): nothing in it can be proved"
                + " new", Target.SIGNED, "POST", ORDERS, List.of("Approov-Token", valid), refused(MISSING_INSTALLATION_KEY),
                unsigned.body()));

        Order down = order(sdk("POST", ORDERS, token));
        attacks.add(new Request(group, "a captured order replayed while the replay store cannot answer: 503, never let through",
                Target.STORE_DOWN, "POST", ORDERS, List.of(down.headers(token, down.sign())),
                refused(REPLAY_STORE_UNAVAILABLE), down.body()));
    }

    /** An order of its own (its own body and covered digest), so that no two replay cases share a base. */
    private record Order(String body, String digest, MessageSignature.Builder signer) {
        MessageSignature sign() {
            return signer.sign();
        }

        /** The token, the signature fields with the digest, then {@code more} header name/value pairs. */
        String[] headers(String token, MessageSignature signature, String... more) {
            return AttackMatrix.headers(token, signature, concat(new String[] {"Content-Digest", digest}, more));
        }

        private static String[] concat(String[] first, String[] second) {
            String[] both = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }
    }

    /** The next order, signed by {@code signer} with its body's digest covered. */
    private Order order(MessageSignature.Builder signer) {
        String body = "{\"order\":" + (++orders) + "}";
        String digest = MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8));
        return new Order(body, digest, signer.cover("content-digest", digest));
    }

    /** A replay to {@link #ORDERS} of {@code target}: {@code original} is sent first, then {@code replayed}. */
    private void replay(Target target, String name, Order order, String[] original, String[] replayed) {
        Request first = new Request("legitimate", name + " (original)", target, "POST", ORDERS, List.of(original),
                Expected.ACCEPTED, order.body());
        attacks.add(new Request(group, name, target, "POST", ORDERS, List.of(replayed), refused(REPLAYED_MESSAGE_SIGNATURE),
                order.body(), first));
    }

    private void legitimateAccountVariants() {
        String token = accountToken("\"" + ACCOUNT_KEY_ID + "\"", "");
        MessageSignature genuine = account("GET", SIGNED, token).sign();
        accountLegit("account: a GET account-signed as the SDK signs it (byte sequence)", "GET", SIGNED, null,
                headers(token, genuine));
        accountLegit("account: the Android sf-String form", "GET", SIGNED, null, "Approov-Token", token, "Signature-Input",
                genuine.signatureInput(), "Signature", genuine.signatureAsString());
        String body = "{\"shape\":\"circle\"}";
        String digest = MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8));
        accountLegit("account: a POST with a covered Content-Digest", "POST", SIGNED, body,
                headers(token, account("POST", SIGNED, token).cover("content-digest", digest).sign(), "Content-Digest", digest));
        accountLegit("account: beside an installation signature its token cannot use", "GET", SIGNED, null,
                headers(token, MessageSignature.combinedHeaders(sdk("GET", SIGNED, token).sign(), genuine)));
        String both = ipkToken(DEVICE.getPublic(), ",\"mskid\":\"" + ACCOUNT_KEY_ID + "\"");
        accountLegit("account: an ipk token with both signatures (the installation one decides)", "GET", SIGNED, null,
                headers(both, MessageSignature.combinedHeaders(sdk("GET", SIGNED, both).sign(), account("GET", SIGNED, both).sign())));
        accountLegit("account: a fail-over token (no ipk, no mskid) passes as token-only", "GET", SIGNED, null,
                "Approov-Token", valid);
    }

    private void legitimateSignedVariants() {
        String token = ipkToken(DEVICE.getPublic(), "");
        String body = "{\"shape\":\"circle\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String digest = MessageSignature.contentDigest(bodyBytes);
        MessageSignature genuine = sdk("GET", SIGNED, token).sign();
        signedLegit("signed: as the SDK signs a GET (byte sequence)", "GET", SIGNED, null, headers(token, genuine));
        signedLegit("signed: the Android sf-String form", "GET", SIGNED, null, "Approov-Token", token, "Signature-Input",
                genuine.signatureInput(), "Signature", genuine.signatureAsString());
        signedLegit("signed: a POST with covered Content-Type and sha-256 Content-Digest", "POST", SIGNED, body,
                headers(token, sdk("POST", SIGNED, token).cover("content-type", "application/json").cover("content-digest", digest)
                        .sign(), "Content-Type", "application/json", "Content-Digest", digest));
        String sha512 = "sha-512=:" + Base64.getEncoder().encodeToString(sha512(bodyBytes)) + ":";
        signedLegit("signed: a POST with a covered sha-512 Content-Digest", "POST", SIGNED, body,
                headers(token, sdk("POST", SIGNED, token).cover("content-digest", sha512).sign(), "Content-Digest", sha512));
        String limit = "y".repeat(MAX_BODY_BYTES);
        String limitDigest = MessageSignature.contentDigest(limit.getBytes(StandardCharsets.UTF_8));
        signedLegit("signed: a body of exactly the limit", "POST", SIGNED, limit, headers(token, sdk("POST", SIGNED, token)
                .cover("content-digest", limitDigest).sign(), "Content-Digest", limitDigest));
        String query = SIGNED + "?q=a%20b&r=%C3%A9";
        signedLegit("signed: @path, @query, @authority and @scheme instead of @target-uri", "GET", query, null,
                headers(token, signer().cover("@method", "GET").cover("@path", SIGNED).cover("@query", "?q=a%20b&r=%C3%A9")
                        .cover("@authority", "api.example.com").cover("@scheme", "https").cover("approov-token", token).sign()));
        signedLegit("signed: @request-target and @query-param", "GET", query, null, headers(token, signer().cover("@method", "GET")
                .cover("@request-target", query).coverIdentifier("\"@query-param\";name=\"r\"", "%C3%A9")
                .cover("approov-token", token).sign()));
        signedLegit("signed: a covered header sent as two lines, joined", "GET", SIGNED, null, headers(token,
                sdk("GET", SIGNED, token).cover("x-device-info", "model=a, os=b").sign(), "X-Device-Info", "model=a",
                "X-Device-Info", "os=b"));
        MessageSignature other = sdk("GET", SIGNED, token).sign();
        signedLegit("signed: both fields split over two lines, with another label", "GET", SIGNED, null, "Approov-Token", token,
                "Signature-Input", other.signatureInput().replace("install=", "sig1="), "Signature-Input", genuine.signatureInput(),
                "Signature", "sig1=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":", "Signature", genuine.signature());
        signedLegit("signed: lower-case header names", "GET", SIGNED, null, "approov-token", token, "signature-input",
                genuine.signatureInput(), "signature", genuine.signature());
        String encoded = SIGNED + "/items/a%20b?q=%41";
        signedLegit("signed: a percent-encoded path and query, signed as sent", "GET", encoded, null,
                headers(token, sdk("GET", encoded, token).sign()));
        signedLegit("signed: extra parameters (nonce, tag) in the base", "GET", SIGNED, null, headers(token, sdk("GET", SIGNED, token)
                .parameters(";alg=\"ecdsa-p256-sha256\";created=" + now + ";expires=" + (now + 3600) + ";nonce=\"n-1\";tag=\"approov\"")
                .sign()));
        signedLegit("signed endpoint: a token without ipk passes as token-only", "GET", SIGNED, null, "Approov-Token", valid);
        Order order = order(sdk("POST", ORDERS, token));
        signedLegit("single-use: a signed order, sent once", "POST", ORDERS, order.body(), order.headers(token, order.sign()));
        legitimate.add(new Request("legitimate", "a plain signed GET while the replay store cannot answer: it never asks the"
                + " store", Target.STORE_DOWN, "GET", SIGNED, List.of(headers(token, sdk("GET", SIGNED, token).sign())),
                Expected.ACCEPTED, null));
        String bound = ipkToken(DEVICE.getPublic(), ",\"pay\":\"" + pay(BEARER) + "\"");
        signedLegit("bound and signed: the right Authorization and signature", "GET", SIGNED_ALL, null,
                headers(bound, sdk("GET", SIGNED_ALL, bound).cover("authorization", BEARER).sign(), "Authorization", BEARER));
    }

    // ---- the legitimate variants: each must get 200 ----

    private void legitimateVariants() {
        group = "legitimate";
        legit(Target.DEFAULT, PROTECTED, "GET", "a genuine token", "Approov-Token", valid);
        legit(Target.DEFAULT, PROTECTED, "GET", "the same token again (from the cache)", "Approov-Token", valid);
        legit(Target.DEFAULT, PROTECTED, "GET", "fractional exp", "Approov-Token", sign(HS256_HEADER, "{\"exp\":" + (now + 60) + ".25}",
                SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "exp in exponent notation", "Approov-Token", sign(HS256_HEADER, "{\"exp\":" + (now + 3600)
                + "0e-1}", SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "Approov's extra claims and custom ones", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + ",\"ip\":\"1.2.3.4\",\"did\":\"ExampleApproovTokenDID==\",\"arc\":\"RQQ\",\"iss\":\"approov\",\"sub\":\"x\","
                + "\"custom\":{\"a\":[1,2.5,null,\"\\u00e9\"]}}", SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "a kid the server does not know", "Approov-Token", sign("{\"alg\":\"HS256\",\"kid\":\"k7\"}",
                claims, SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "no typ", "Approov-Token", sign("{\"alg\":\"HS256\"}", claims, SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "another typ", "Approov-Token", sign("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}", claims,
                SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "aud string without a configured audience", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + ",\"aud\":\"approov.io\"}", SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "aud array without a configured audience", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + ",\"aud\":[\"a\",\"b\"]}", SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "lower-case header name", "approov-token", valid);
        legit(Target.DEFAULT, PROTECTED, "GET", "upper-case header name", "APPROOV-TOKEN", valid);
        legit(Target.DEFAULT, PROTECTED, "GET", "iat in the future, nbf in the past", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + ",\"iat\":" + (now + 600) + ",\"nbf\":" + (now - 600) + "}", SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "a jku that is ignored, genuinely signed", "Approov-Token",
                sign("{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}", claims, SECRET));
        legit(Target.DEFAULT, PROTECTED, "GET", "JSON with spaces and escapes", "Approov-Token", sign("{ \"alg\" : \"HS\\u0032\\u0035\\u0036\" }",
                "{ " + exp + " , \"s\" : \"a\\/b\" }", SECRET));
        legit(Target.DEFAULT, PROTECTED, "HEAD", "HEAD with a genuine token", "Approov-Token", valid);
        String bound = sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(BEARER) + "\"}", SECRET);
        legit(Target.DEFAULT, BOUND, "GET", "bound token with its Authorization", "Approov-Token", bound, "Authorization", BEARER);
        legit(Target.DEFAULT, BOUND, "GET", "bound token, lower-case header names", "approov-token", bound, "authorization", BEARER);
        String both = boundToken(pay(HARNESS_AUTHORIZATION + HARNESS_DIGEST));
        legit(Target.DEFAULT, DOUBLE_BOUND, "GET", "a token bound to both headers (harness 3.1)", "Approov-Token", both,
                "Authorization", HARNESS_AUTHORIZATION, "Content-Digest", HARNESS_DIGEST);
        legit(Target.DEFAULT, DOUBLE_BOUND, "GET", "both headers in the other order, lower case, and more beside",
                "content-digest", HARNESS_DIGEST, "X-Other", "x", "authorization", HARNESS_AUTHORIZATION,
                "approov-token", both, "Approov-Status", "success", "Approov-TraceID", SAFE_TRACE_ID);
        String audClaims = "{" + exp + ",\"aud\":\"" + AUDIENCE + "\"}";
        legit(Target.HARDENED, PROTECTED, "GET", "key set: HS256 with its kid and the audience", "Approov-Token",
                sign("{\"alg\":\"HS256\",\"kid\":\"" + HS_KID + "\"}", audClaims, SECRET));
        legit(Target.HARDENED, PROTECTED, "GET", "key set: HS256 without a kid", "Approov-Token", sign(HS256_HEADER, audClaims, SECRET));
        legit(Target.HARDENED, PROTECTED, "GET", "key set: audience in an array", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + ",\"aud\":[\"other\",\"" + AUDIENCE + "\"]}", SECRET));
        legit(Target.HARDENED, PROTECTED, "GET", "key set: RS256", "Approov-Token", asymmetric("{\"alg\":\"RS256\",\"kid\":\"" + RSA_KID
                + "\"}", audClaims, RSA.getPrivate(), "RS256"));
        legit(Target.HARDENED, PROTECTED, "GET", "key set: ES256", "Approov-Token", asymmetric("{\"alg\":\"ES256\"}", audClaims,
                EC.getPrivate(), "ES256"));
    }

    // ---- building requests ----

    /** A GET of the protected endpoint of the default server with {@code token}, refused for {@code reason}. */
    private void attack(ApproovFailure reason, String name, String token) {
        add(PROTECTED, "GET", refused(reason), Target.DEFAULT, name, "Approov-Token", token);
    }

    /** The same on the key-set server. */
    private void hardened(ApproovFailure reason, String name, String token) {
        add(PROTECTED, "GET", refused(reason), Target.HARDENED, name, "Approov-Token", token);
    }

    private void add(String path, String method, Expected expected, Target target, String name, String... headers) {
        attacks.add(new Request(group, name, target, method, path, List.of(headers), expected, null));
    }

    private void legit(Target target, String path, String method, String name, String... headers) {
        legitimate.add(new Request(group, name, target, method, path, List.of(headers), Expected.ACCEPTED, null));
    }

    private static String[] repeat(String name, String value, int times, String... more) {
        String[] headers = new String[times * 2 + more.length];
        for (int i = 0; i < times; i++) {
            headers[2 * i] = name;
            headers[2 * i + 1] = value;
        }
        System.arraycopy(more, 0, headers, times * 2, more.length);
        return headers;
    }

    // ---- minting ----

    /**
     * A genuine token with a growing nonce claim, until {@code wanted} holds; the nonce has {@code ?} in it,
     * one of the few ASCII characters whose encoding can yield {@code -} or {@code _}.
     */
    private String findValid(Predicate<String> wanted) {
        return findToken(i -> sign(HS256_HEADER, "{" + exp + ",\"n\":\"" + "?".repeat(i % 4) + i + "\"}", SECRET), wanted);
    }

    private static String findToken(java.util.function.IntFunction<String> mint, Predicate<String> wanted) {
        for (int i = 0; i < 10_000; i++) {
            String token = mint.apply(i);
            if (wanted.test(token)) {
                return token;
            }
        }
        throw new IllegalStateException("no such token");
    }

    static String macToken(String header, String payload, byte[] secret, String jcaAlgorithm) {
        String signingInput = b64url(header) + "." + b64url(payload);
        try {
            Mac mac = Mac.getInstance(jcaAlgorithm);
            mac.init(new SecretKeySpec(secret, jcaAlgorithm));
            return signingInput + "." + b64url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signBytes(byte[] header, byte[] payload, byte[] secret) {
        return sign(header, payload, secret);
    }

    static String asymmetric(String header, String payload, PrivateKey key, String algorithm) {
        return ApproovTokens.sign(header, payload, key, algorithm);
    }

    /** RFC 7797: the payload travels unencoded and the signing input is the header, a dot and the raw payload. */
    private String unencodedPayloadToken() {
        String header = b64url("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}");
        byte[] input = (header + "." + claims).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return header + "." + claims + "." + b64url(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String derEs256(String payload) {
        String signingInput = b64url("{\"alg\":\"ES256\"}") + "." + b64url(payload);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(EC.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rsaJwk(KeyPair pair) {
        java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"e\":\"" + b64url(key.getPublicExponent().toByteArray()) + "\",\"n\":\""
                + b64url(unsigned(key.getModulus().toByteArray())) + "\"}";
    }

    private static byte[] unsigned(byte[] bigEndian) {
        return bigEndian.length > 1 && bigEndian[0] == 0 ? Arrays.copyOfRange(bigEndian, 1, bigEndian.length) : bigEndian;
    }

    private static byte[] unsigned32(java.math.BigInteger value) {
        byte[] raw = unsigned(value.toByteArray());
        byte[] out = new byte[32];
        System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        return out;
    }

    private static String dropLastSignatureByte(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        return token.substring(0, dot + 1) + b64url(Arrays.copyOf(signature, signature.length - 1));
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] flipLastByte(byte[] secret) {
        byte[] changed = secret.clone();
        changed[changed.length - 1] ^= 1;
        return changed;
    }

    private static String flipFirst(String segment) {
        return (segment.charAt(0) == 'A' ? 'B' : 'A') + segment.substring(1);
    }

    /** The segment with its last character's unused low bits set: the same bytes to a lenient decoder. */
    static String withTrailingBits(String segment) {
        int unusedBits = segment.length() % 4 == 2 ? 0x0F : 0x03;
        char last = segment.charAt(segment.length() - 1);
        return segment.substring(0, segment.length() - 1) + BASE64URL.charAt(BASE64URL.indexOf(last) | unusedBits);
    }

    /** Standard base64 with the unused low bits of the last data character set: the same bytes to a lenient decoder. */
    public static String withTrailingBitsPadded(String base64) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String data = base64.replace("=", "");
        String padding = base64.substring(data.length());
        int unusedBits = padding.length() == 2 ? 0x0F : 0x03;
        char last = data.charAt(data.length() - 1);
        return data.substring(0, data.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | unusedBits) + padding;
    }

    private void signed(ApproovFailure reason, String name, String method, String path, String... headers) {
        add(path, method, refused(reason), Target.SIGNED, name, headers);
    }

    private void signedGet(ApproovFailure reason, String name, String token, MessageSignature signature) {
        signed(reason, name, "GET", SIGNED, headers(token, signature));
    }

    /** The genuine Signature-Input with another Signature value. */
    private void signedBytes(ApproovFailure reason, String name, String token, String signatureInput, String signature) {
        signed(reason, name, "GET", SIGNED, "Approov-Token", token, "Signature-Input", signatureInput, "Signature", signature);
    }

    /** A POST of {@code body}, with {@code contentDigest} (null: none) and the signature {@code signer} makes. */
    private void signedPost(ApproovFailure reason, String name, String body, String token, String contentDigest,
            MessageSignature.Builder signer) {
        post(Target.SIGNED, reason, name, body, token, contentDigest, signer);
    }

    private void post(Target target, ApproovFailure reason, String name, String body, String token, String contentDigest,
            MessageSignature.Builder signer) {
        String[] headers = contentDigest == null ? headers(token, signer.sign())
                : headers(token, signer.sign(), "Content-Digest", contentDigest);
        attacks.add(new Request(group, name, target, "POST", SIGNED, List.of(headers), refused(reason), body));
    }

    private void account(ApproovFailure reason, String name, String method, String path, String... headers) {
        add(path, method, refused(reason), Target.ACCOUNT, name, headers);
    }

    private void accountGet(ApproovFailure reason, String name, String token, MessageSignature signature) {
        account(reason, name, "GET", SIGNED, headers(token, signature));
    }

    private void accountPost(ApproovFailure reason, String name, String body, String token, String contentDigest,
            MessageSignature.Builder signer) {
        post(Target.ACCOUNT, reason, name, body, token, contentDigest, signer);
    }

    private void accountLegit(String name, String method, String path, String body, String... headers) {
        legitimate.add(new Request("legitimate", name, Target.ACCOUNT, method, path, List.of(headers), Expected.ACCEPTED, body));
    }

    /** An account signer with no component yet, valid from now for an hour. */
    private MessageSignature.Builder accountSigner(byte[] key) {
        return MessageSignature.accountBuilder(key).created(now).expires(now + 3600);
    }

    /** As Approov's SDK signs with the account key: @method, @target-uri behind {@link #SIGNED_ORIGIN}, the token. */
    private MessageSignature.Builder account(String method, String path, String token) {
        return account(method, path, token, ACCOUNT_KEY);
    }

    private MessageSignature.Builder account(String method, String path, String token, byte[] key) {
        return accountSigner(key).cover("@method", method).cover("@target-uri", SIGNED_ORIGIN + path).cover("approov-token", token);
    }

    /** A token valid for an hour without ipk, with {@code mskid} (JSON) and {@code more} JSON members. */
    private String accountToken(String mskid, String more) {
        return sign(HS256_HEADER, "{" + exp + ",\"mskid\":" + mskid + more + "}", SECRET);
    }

    private void signedLegit(String name, String method, String path, String body, String... headers) {
        legitimate.add(new Request("legitimate", name, Target.SIGNED, method, path, List.of(headers), Expected.ACCEPTED, body));
    }

    /** The token, the signature fields, then {@code more} header name/value pairs. */
    private static String[] headers(String token, MessageSignature signature, String... more) {
        return headers(token, signature.headers(), more);
    }

    /** The token, the given signature fields, then {@code more} header name/value pairs. */
    private static String[] headers(String token, Map<String, String> signatureFields, String... more) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        signatureFields.forEach((name, value) -> headers.addAll(List.of(name, value)));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    /** A signer with no component yet, valid from now for an hour (the server allows an hour: see {@link #config}). */
    private MessageSignature.Builder signer() {
        return signer(DEVICE.getPrivate());
    }

    private MessageSignature.Builder signer(PrivateKey key) {
        return MessageSignature.builder(key).created(now).expires(now + 3600);
    }

    /** As Approov's SDK signs {@code method} of {@code path} behind {@link #SIGNED_ORIGIN}: @method, @target-uri, the token. */
    private MessageSignature.Builder sdk(String method, String path, String token) {
        return sdk(method, path, token, DEVICE.getPrivate());
    }

    private MessageSignature.Builder sdk(String method, String path, String token, PrivateKey key) {
        return signer(key).cover("@method", method).cover("@target-uri", SIGNED_ORIGIN + path).cover("approov-token", token);
    }

    /** A token valid for an hour with {@code key} as its ipk, and {@code more} JSON members (each with a leading comma). */
    private String ipkToken(java.security.PublicKey key, String more) {
        return sign(HS256_HEADER, "{" + exp + ",\"ipk\":\"" + ApproovTokens.ipk(key) + "\"" + more + "}", SECRET);
    }

    /** A genuine GET signature whose base64 satisfies {@code wanted} (ECDSA is randomised, so a few tries find one). */
    private MessageSignature findSignature(Predicate<MessageSignature> wanted, String token) {
        for (int i = 0; i < 1_000; i++) {
            MessageSignature signed = sdk("GET", SIGNED, token).sign();
            if (wanted.test(signed)) {
                return signed;
            }
        }
        throw new IllegalStateException("no such signature");
    }

    /** r and s of a raw r‖s signature as an ASN.1 DER SEQUENCE of two INTEGERs. */
    private static byte[] der(byte[] rs) {
        byte[] r = new java.math.BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
        byte[] s = new java.math.BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
        return concat(new byte[] {0x30, (byte) (4 + r.length + s.length), 0x02, (byte) r.length}, r,
                new byte[] {0x02, (byte) s.length}, s);
    }

    private static byte[] digest(String algorithm, String value) {
        try {
            return MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
