package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance vectors for account signatures, made in the test by {@link MinimalSigner}: a few lines written
 * from RFC 9421 §2.5 and §3.3.3 and Approov's Android service layer (label {@code account},
 * {@code alg="hmac-sha256"}, {@code created}, {@code expires} 15 s later, the signature an sf-String or a
 * Byte Sequence), with none of the library's code nor approov-test's signer. The signer is first shown to
 * reproduce RFC 9421's own HMAC-SHA256 example (B.2.5) byte for byte. Each vector is a request as Approov's
 * SDK sends it, valid or altered, and the verdict it must get; for the valid ones, the library must rebuild
 * the very base the signer signed.
 */
class AccountSigningConformanceTest {

    static final long CREATED = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED + 5), ZoneOffset.UTC);
    static final byte[] ACCOUNT_KEY = "the-account-key-of-the-vectors-32".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "another-account-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    static final String KEY_ID = "2026-01";
    static final String ORIGIN = "https://shapes.example.com";
    static final String BODY = "{\"shape\":\"circle\"}";
    static final String TOKEN = TestSecret.TOKENS.clock(CLOCK).claim("mskid", KEY_ID).mint();

    /**
     * The smallest signer that does what the SDK does: the base of RFC 9421 §2.5 (one line per covered
     * component, its lower-case name in quotes and the value; then the parameters line) and HMAC-SHA256 over
     * its ASCII bytes. It knows only the components the vectors use.
     */
    record MinimalSigner(byte[] key) {

        /** {@code Signature-Input} member, {@code Signature} member (Byte Sequence or sf-String), and the base. */
        record Signed(String input, String signature, String stringSignature, String base) {
        }

        Signed sign(String method, URI target, Map<String, String> headers, List<String> components, String parameters) {
            StringBuilder base = new StringBuilder();
            List<String> quoted = new ArrayList<>();
            for (String component : components) {
                String value = switch (component) {
                    case "@method" -> method;
                    case "@target-uri" -> target.toString();
                    case "@path" -> target.getRawPath();
                    case "@query" -> "?" + (target.getRawQuery() == null ? "" : target.getRawQuery());
                    case "@authority" -> target.getRawAuthority();
                    default -> headers.get(component);
                };
                base.append('"').append(component).append("\": ").append(value).append('\n');
                quoted.add('"' + component + '"');
            }
            String params = "(" + String.join(" ", quoted) + ")" + parameters;
            base.append("\"@signature-params\": ").append(params);
            byte[] mac = hmacSha256(key, base.toString());
            String base64 = Base64.getEncoder().encodeToString(mac);
            return new Signed("account=" + params, "account=:" + base64 + ":", "account=\"" + base64 + "\"", base.toString());
        }

        static byte[] hmacSha256(byte[] key, String text) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String sdkParameters(long created) {
        return ";alg=\"hmac-sha256\";created=" + created + ";expires=" + (created + 15);
    }

    static String digest(String body) {
        try {
            return "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8))) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One vector: what is signed, what is sent, and the verdict (null: accepted, signed by {@code account}). */
    record Vector(String name, String method, String target, Map<String, String> headers, String body,
            ApproovFailure expected, String signedBase) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Vector vector(String name, ApproovFailure expected, MinimalSigner signer, String method, String target,
            String sentMethod, String sentTarget, Map<String, String> headers, String body, String sentBody,
            List<String> components, String parameters, boolean stringForm) {
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        signedHeaders.put("approov-token", TOKEN);
        headers.forEach((k, v) -> signedHeaders.put(k.toLowerCase(java.util.Locale.ROOT), v));
        MinimalSigner.Signed signed = signer.sign(method, URI.create(target), signedHeaders, components, parameters);
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Approov-Token", TOKEN);
        sent.putAll(headers);
        sent.put("Signature-Input", signed.input());
        sent.put("Signature", stringForm ? signed.stringSignature() : signed.signature());
        return new Vector(name, sentMethod, sentTarget, sent, sentBody != null ? sentBody : body, expected, signed.base());
    }

    static final List<String> SDK_GET = List.of("@method", "@target-uri", "approov-token");
    static final List<String> SDK_POST = List.of("@method", "@target-uri", "approov-token", "content-length",
            "content-type", "content-digest");

    static Stream<Vector> vectors() {
        MinimalSigner signer = new MinimalSigner(ACCOUNT_KEY);
        String get = ORIGIN + "/v5/shapes";
        String query = ORIGIN + "/v5/shapes?colour=red&size=2";
        String post = ORIGIN + "/v5/shapes";
        Map<String, String> postHeaders = new LinkedHashMap<>();
        postHeaders.put("Content-Length", String.valueOf(BODY.length()));
        postHeaders.put("Content-Type", "application/json");
        postHeaders.put("Content-Digest", digest(BODY));
        String params = sdkParameters(CREATED);
        return Stream.of(
                vector("valid: a GET as the SDK signs it (byte sequence)", null, signer, "GET", get, "GET", get,
                        Map.of(), null, null, SDK_GET, params, false),
                vector("valid: the Android sf-String spelling", null, signer, "GET", get, "GET", get,
                        Map.of(), null, null, SDK_GET, params, true),
                vector("valid: a POST with Content-Length, Content-Type and a covered Content-Digest", null, signer,
                        "POST", post, "POST", post, postHeaders, BODY, null, SDK_POST, params, true),
                vector("valid: @path, @query and @authority instead of @target-uri", null, signer, "GET", query, "GET",
                        query, Map.of(), null, null, List.of("@method", "@path", "@query", "@authority", "approov-token"),
                        params, false),
                vector("invalid: the query changed", ApproovFailure.BAD_ACCOUNT_SIGNATURE, signer, "GET", query, "GET",
                        ORIGIN + "/v5/shapes?colour=red&size=3", Map.of(), null, null, SDK_GET, params, false),
                vector("invalid: the path changed", ApproovFailure.BAD_ACCOUNT_SIGNATURE, signer, "GET", get, "GET",
                        ORIGIN + "/v5/admin", Map.of(), null, null, SDK_GET, params, false),
                vector("invalid: the method changed", ApproovFailure.BAD_ACCOUNT_SIGNATURE, signer, "GET", get, "DELETE",
                        get, Map.of(), null, null, SDK_GET, params, false),
                vector("invalid: the host changed", ApproovFailure.BAD_ACCOUNT_SIGNATURE, signer, "GET", get, "GET",
                        "https://evil.example.com/v5/shapes", Map.of(), null, null, SDK_GET, params, false),
                vector("invalid: the body changed under its covered digest", ApproovFailure.CONTENT_DIGEST_MISMATCH, signer,
                        "POST", post, "POST", post, postHeaders, BODY, "{\"shape\":\"square\"}", SDK_POST, params, false),
                vector("invalid: signed with another key", ApproovFailure.BAD_ACCOUNT_SIGNATURE, new MinimalSigner(OTHER_KEY),
                        "GET", get, "GET", get, Map.of(), null, null, SDK_GET, params, false),
                vector("invalid: alg ecdsa-p256-sha256 under the label account",
                        ApproovFailure.ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED, signer, "GET", get, "GET", get, Map.of(),
                        null, null, SDK_GET, ";alg=\"ecdsa-p256-sha256\";created=" + CREATED + ";expires=" + (CREATED + 15),
                        false),
                vector("invalid: expired (created 10 minutes before the clock)", ApproovFailure.ACCOUNT_SIGNATURE_EXPIRED,
                        signer, "GET", get, "GET", get, Map.of(), null, null, SDK_GET, sdkParameters(CREATED - 600), false),
                vector("invalid: without the token covered", ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED, signer,
                        "GET", get, "GET", get, Map.of(), null, null, List.of("@method", "@target-uri"), params, false));
    }

    static ApproovVerifier verifier() {
        return ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                .clock(CLOCK).accountMessageSigningSecretBase64Url(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(ACCOUNT_KEY)).accountMessageSigningKeyId(KEY_ID).build());
    }

    static ApproovRequest request(Vector vector) {
        ApproovRequest.Builder request = ApproovRequest.builder().method(vector.method()).target(URI.create(vector.target()));
        vector.headers().forEach(request::header);
        if (vector.body() != null) {
            request.body(vector.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorGetsItsVerdict(Vector vector) {
        ApproovVerdict verdict = verifier().verifySigned(request(vector));
        if (vector.expected() == null) {
            assertEquals(Optional.empty(), verdict.failure(), vector.name());
            assertEquals(java.util.Set.of("account"), verdict.claims().orElseThrow().verifiedMessageSignatures());
        } else {
            assertEquals(Optional.of(vector.expected()), verdict.failure(), vector.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theLibraryRebuildsTheBaseTheSignerSignedForEveryValidVector(Vector vector) throws Exception {
        if (vector.expected() != null) {
            return;
        }
        ApproovRequest request = request(vector);
        StructuredFields.InnerList input = (StructuredFields.InnerList) StructuredFields
                .parseDictionary(request.headerLines("signature-input")).get("account");
        URI target = URI.create(vector.target());
        assertEquals(vector.signedBase(), SignatureBase.build(input, request, target.getScheme(), target.getAuthority()).text());
    }

    @Test
    void theMinimalSignerReproducesRfc9421sHmacExample() {
        // RFC 9421 Appendix B.2.5: test-request, key "test-shared-secret" (B.1.5), signature label sig-b25.
        byte[] sharedSecret = Base64.getDecoder().decode(SignatureBaseRfc9421Test.SHARED_SECRET);
        Map<String, String> headers = Map.of("date", "Tue, 20 Apr 2021 02:07:55 GMT", "content-type", "application/json");
        MinimalSigner.Signed signed = new MinimalSigner(sharedSecret).sign("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"),
                headers, List.of("date", "@authority", "content-type"), ";created=1618884473;keyid=\"test-shared-secret\"");
        assertEquals("account=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:", signed.signature());
    }

    @Test
    void rfc9421sGenuineHmacUnderTheAccountLabelIsStillHeldToApproovsRules() {
        // The RFC's signature verifies with its key, but covers neither the method nor the token and has no alg.
        byte[] sharedSecret = Base64.getDecoder().decode(SignatureBaseRfc9421Test.SHARED_SECRET);
        ApproovVerifier rfcKey = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                .loggingEnabled(false).clock(Clock.fixed(Instant.ofEpochSecond(1618884473L), ZoneOffset.UTC))
                .addAccountMessageSigningSecret(null, sharedSecret).requireSignatureExpiry(false).build());
        String token = TestSecret.TOKENS.clock(Clock.fixed(Instant.ofEpochSecond(1618884473L), ZoneOffset.UTC))
                .claim("mskid", "test-shared-secret").mint();
        ApproovRequest request = ApproovRequest.builder().method("POST").target(URI.create("https://example.com/foo?param=Value&Pet=dog"))
                .header("Approov-Token", token).header("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
                .header("Content-Type", "application/json")
                .header("Signature-Input", "account=(\"date\" \"@authority\" \"content-type\");created=1618884473"
                        + ";keyid=\"test-shared-secret\"")
                .header("Signature", "account=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:").build();
        assertEquals(Optional.of(ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED), rfcKey.verifySigned(request).failure());
    }

    @Test
    void theVectorsHoldValidAndInvalidCasesOfBothSpellings() {
        List<Vector> all = vectors().toList();
        assertEquals(4, all.stream().filter(v -> v.expected() == null).count());
        assertTrue(all.stream().anyMatch(v -> v.headers().get("Signature").startsWith("account=\"")));
        assertTrue(all.stream().anyMatch(v -> v.headers().get("Signature").startsWith("account=:")));
        assertEquals(9, all.stream().filter(v -> v.expected() != null).count());
    }
}
