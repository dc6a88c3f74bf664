package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ApproovFailure.ALGORITHM_NOT_ALLOWED;
import static io.github.approovjaxrs.core.ApproovFailure.AUDIENCE_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.BAD_SIGNATURE;
import static io.github.approovjaxrs.core.ApproovFailure.BINDING_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.DUPLICATE_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.DUPLICATE_TOKEN_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.EXPIRED;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_CLAIMS;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_EXPIRATION;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_PAY_CLAIM;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.NOT_YET_VALID;
import static io.github.approovjaxrs.core.ApproovFailure.UNSUPPORTED_HEADER_PARAMETER;
import static io.github.approovjaxrs.core.TestSecret.SECRET;
import static io.github.approovjaxrs.testing.ApproovTokens.HS256_HEADER;
import static io.github.approovjaxrs.testing.ApproovTokens.b64url;
import static io.github.approovjaxrs.testing.ApproovTokens.pay;
import static io.github.approovjaxrs.testing.ApproovTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of SPEC.md (T1–T10, B1–B4), one row per way to break it, plus the legitimate variants. */
class ApproovVerifierTest {

    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String EXP = "\"exp\":" + (NOW + 300);
    static final String VALID = payload("{" + EXP + "}");
    static final String BEARER = "Bearer 0123456789abcdef";
    static final String BOUND = payload("{" + EXP + ",\"pay\":\"" + pay(BEARER) + "\"}");
    static final byte[] OTHER_SECRET = "another-secret-another-secret-an".getBytes(StandardCharsets.US_ASCII);

    /** A row: the token header lines, the binding lines (null: token-only check), the expected failure (null: accepted). */
    record Row(String name, List<String> tokenLines, List<String> bindingLines, ApproovFailure expected,
            UnaryOperator<ApproovConfig.Builder> config) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row token(String name, String token, ApproovFailure expected) {
        return new Row(name, token == null ? null : List.of(token), null, expected, c -> c);
    }

    static Row tokenWith(String name, String token, ApproovFailure expected, UnaryOperator<ApproovConfig.Builder> config) {
        return new Row(name, List.of(token), null, expected, config);
    }

    static Row bound(String name, String token, List<String> binding, ApproovFailure expected) {
        return new Row(name, List.of(token), binding, expected, c -> c);
    }

    /** A token with this payload JSON, the usual header and the right secret. */
    static String payload(String json) {
        return sign(HS256_HEADER, json, SECRET);
    }

    /** A token with this header JSON and the right secret. */
    static String header(String json) {
        return sign(json, "{" + EXP + "}", SECRET);
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // T1: exactly one header line, bare compact JWS
        rows.add(new Row("T1 no token header line", List.of(), null, MISSING_TOKEN, c -> c));
        rows.add(token("T1 null header lines", null, MISSING_TOKEN));
        rows.add(token("T1 empty value", "", MISSING_TOKEN));
        rows.add(new Row("T1 two header lines", List.of(VALID, VALID), null, DUPLICATE_TOKEN_HEADER, c -> c));
        rows.add(token("T1 Bearer prefix", "Bearer " + VALID, MALFORMED_TOKEN));
        rows.add(token("T1 surrounding space", " " + VALID, MALFORMED_TOKEN));
        rows.add(token("T1 two tokens in one line", VALID + "," + VALID, MALFORMED_TOKEN));

        // T2: shape and canonical base64url
        String[] parts = VALID.split("\\.");
        rows.add(token("T2 two segments", parts[0] + "." + parts[1], MALFORMED_TOKEN));
        rows.add(token("T2 four segments", VALID + "." + parts[2], MALFORMED_TOKEN));
        rows.add(token("T2 five segments (JWE shape)", parts[0] + ".." + parts[1] + "." + parts[2] + ".x", MALFORMED_TOKEN));
        rows.add(token("T2 empty signature", parts[0] + "." + parts[1] + ".", MALFORMED_TOKEN));
        rows.add(token("T2 empty payload", parts[0] + ".." + parts[2], MALFORMED_TOKEN));
        rows.add(token("T2 padded signature", VALID + "=", MALFORMED_TOKEN));
        rows.add(token("T2 standard-alphabet characters", VALID.replace('-', '+').replace('_', '/')
                + (VALID.contains("-") || VALID.contains("_") ? "" : "+"), MALFORMED_TOKEN));
        rows.add(token("T2 non-zero trailing bits in signature", withTrailingBits(VALID), MALFORMED_TOKEN));
        rows.add(token("T2 segment of length 1 mod 4", parts[0] + "." + parts[1] + "." + parts[2] + "AB", MALFORMED_TOKEN));
        rows.add(token("T2 space inside", parts[0] + ". " + parts[1] + "." + parts[2], MALFORMED_TOKEN));
        rows.add(token("T2 non-ASCII character", parts[0] + "." + parts[1] + "é." + parts[2], MALFORMED_TOKEN));
        rows.add(token("T2 longer than 8192 characters", payload("{" + EXP + ",\"x\":\"" + "a".repeat(9000) + "\"}"),
                MALFORMED_TOKEN));

        // T3: alg is exactly HS256
        for (String alg : List.of("none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "ES256", "PS256",
                "hs256", "HS256 ", " HS256", "HS256\\u0000", "")) {
            rows.add(token("T3 alg " + alg, header("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}"), ALGORITHM_NOT_ALLOWED));
        }
        rows.add(token("T3 alg missing", header("{\"typ\":\"JWT\"}"), ALGORITHM_NOT_ALLOWED));
        rows.add(token("T3 alg null", header("{\"alg\":null}"), ALGORITHM_NOT_ALLOWED));
        rows.add(token("T3 alg array", header("{\"alg\":[\"HS256\"]}"), ALGORITHM_NOT_ALLOWED));
        rows.add(token("T3 alg object", header("{\"alg\":{\"HS256\":true}}"), ALGORITHM_NOT_ALLOWED));

        // T4: no processing parameters; embedded keys never choose the key
        rows.add(token("T4 crit", header("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}"), UNSUPPORTED_HEADER_PARAMETER));
        rows.add(token("T4 b64 false", header("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}"), UNSUPPORTED_HEADER_PARAMETER));
        rows.add(token("T4 b64 without crit", header("{\"alg\":\"HS256\",\"b64\":false}"), UNSUPPORTED_HEADER_PARAMETER));
        rows.add(token("T4 zip", header("{\"alg\":\"HS256\",\"zip\":\"DEF\"}"), UNSUPPORTED_HEADER_PARAMETER));
        rows.add(token("T4 cty JWT (nesting)", header("{\"alg\":\"HS256\",\"cty\":\"JWT\"}"), UNSUPPORTED_HEADER_PARAMETER));
        rows.add(token("T4 enc (JWE header)", header("{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}"), UNSUPPORTED_HEADER_PARAMETER));
        String attackerJwk = "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + b64url(OTHER_SECRET) + "\"}}";
        rows.add(token("T4 embedded jwk with its own key", sign(attackerJwk, "{" + EXP + "}", OTHER_SECRET), BAD_SIGNATURE));
        rows.add(token("T4 jku to attacker keys", sign("{\"alg\":\"HS256\",\"jku\":\"https://evil.example/k\"}",
                "{" + EXP + "}", OTHER_SECRET), BAD_SIGNATURE));
        rows.add(token("T4 x5u to attacker keys", sign("{\"alg\":\"HS256\",\"x5u\":\"https://evil.example/c\"}",
                "{" + EXP + "}", OTHER_SECRET), BAD_SIGNATURE));
        rows.add(token("T4 kid path traversal", sign("{\"alg\":\"HS256\",\"kid\":\"../../dev/null\"}",
                "{" + EXP + "}", new byte[32]), BAD_SIGNATURE));
        rows.add(token("T4 ignored jku with the real secret", header("{\"alg\":\"HS256\",\"jku\":\"https://x.example\"}"), null));

        // T5: HMAC-SHA256 with the configured secret over the received text
        rows.add(token("T5 other secret", sign(HS256_HEADER, "{" + EXP + "}", OTHER_SECRET), BAD_SIGNATURE));
        rows.add(token("T5 one-byte secret", sign(HS256_HEADER, "{" + EXP + "}", new byte[1]), BAD_SIGNATURE));
        rows.add(token("T5 signature of another token", parts[0] + "." + b64url("{" + EXP + ",\"a\":1}") + "." + parts[2],
                BAD_SIGNATURE));
        rows.add(token("T5 signature too long", parts[0] + "." + parts[1] + "." + parts[2] + "AAAA", BAD_SIGNATURE));
        rows.add(token("T5 signature too short", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40), BAD_SIGNATURE));
        rows.add(token("T5 signature flipped", parts[0] + "." + parts[1] + "." + flipFirst(parts[2]), BAD_SIGNATURE));
        rows.add(token("T5 header re-spelled after signing", b64url("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2],
                BAD_SIGNATURE));

        // T6: UTF-8 JSON objects with unique names
        rows.add(token("T6 header not JSON", sign("alg=HS256", "{" + EXP + "}", SECRET), MALFORMED_TOKEN));
        rows.add(token("T6 header a JSON array", sign("[\"HS256\"]", "{" + EXP + "}", SECRET), MALFORMED_TOKEN));
        rows.add(token("T6 header alg twice", header("{\"alg\":\"none\",\"alg\":\"HS256\"}"), MALFORMED_TOKEN));
        rows.add(token("T6 header alg twice, HS256 first", header("{\"alg\":\"HS256\",\"alg\":\"none\"}"), MALFORMED_TOKEN));
        rows.add(token("T6 header with trailing garbage", header("{\"alg\":\"HS256\"}x"), MALFORMED_TOKEN));
        rows.add(token("T6 header with byte order mark", header("\uFEFF{\"alg\":\"HS256\"}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload not JSON", payload("exp=1"), MALFORMED_TOKEN));
        rows.add(token("T6 payload a JSON string", payload("\"" + EXP + "\""), MALFORMED_TOKEN));
        rows.add(token("T6 payload exp twice", payload("{\"exp\":1," + EXP + "}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload duplicate nested name", payload("{" + EXP + ",\"o\":{\"a\":1,\"a\":2}}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload trailing comma", payload("{" + EXP + ",}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload leading zero", payload("{" + EXP + ",\"n\":01}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload raw control character", payload("{" + EXP + ",\"s\":\"a\tb\"}"), MALFORMED_TOKEN));
        rows.add(token("T6 payload nested 100 deep", payload("{" + EXP + ",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"),
                MALFORMED_TOKEN));
        rows.add(token("T6 payload invalid UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8),
                concat(("{" + EXP + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\"}".getBytes(StandardCharsets.UTF_8))), MALFORMED_TOKEN));
        rows.add(token("T6 payload overlong UTF-8", signBytes(HS256_HEADER.getBytes(StandardCharsets.UTF_8),
                concat(("{" + EXP + ",\"s\":\"").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                        "\"}".getBytes(StandardCharsets.UTF_8))), MALFORMED_TOKEN));

        // T7: exp required, a number, 0 < exp <= 2^53, now < exp + skew exactly
        rows.add(token("T7 exp missing", payload("{\"iat\":" + NOW + "}"), MISSING_EXPIRATION));
        rows.add(token("T7 empty claims", payload("{}"), MISSING_EXPIRATION));
        rows.add(token("T7 exp a string", payload("{\"exp\":\"" + (NOW + 300) + "\"}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp null", payload("{\"exp\":null}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp true", payload("{\"exp\":true}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp an array", payload("{\"exp\":[" + (NOW + 300) + "]}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp zero", payload("{\"exp\":0}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp negative", payload("{\"exp\":-1}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp 1e300", payload("{\"exp\":1e300}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp 2^53 + 1", payload("{\"exp\":9007199254740993}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp 2^53 + 0.5", payload("{\"exp\":9007199254740992.5}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp of 5000 digits", payload("{\"exp\":" + "9".repeat(5000) + "}"), MALFORMED_CLAIMS));
        rows.add(token("T7 exp 1e999999999999 (beyond BigDecimal)", payload("{\"exp\":1e999999999999}"), MALFORMED_TOKEN));
        rows.add(token("T7 exp equal to now", payload("{\"exp\":" + NOW + "}"), EXPIRED));
        rows.add(token("T7 exp a second ago", payload("{\"exp\":" + (NOW - 1) + "}"), EXPIRED));
        rows.add(token("T7 exp a millisecond ago", payload("{\"exp\":" + (NOW - 1) + ".999}"), EXPIRED));
        rows.add(token("T7 exp in 1970", payload("{\"exp\":1}"), EXPIRED));
        rows.add(token("T7 fractional exp half a second ahead", payload("{\"exp\":" + NOW + ".5}"), null));
        rows.add(token("T7 fractional exp a tenth of a millisecond ahead (not truncated)",
                payload("{\"exp\":" + NOW + ".0001}"), null));
        rows.add(token("T7 exp in exponent notation", payload("{\"exp\":1.7000003E9}"), null));
        rows.add(token("T7 exp exactly 2^53", payload("{\"exp\":9007199254740992}"), null));
        rows.add(tokenWith("T7 expired 10 s ago, skew 30 s", payload("{\"exp\":" + (NOW - 10) + "}"), null,
                c -> c.clockSkew(Duration.ofSeconds(30))));
        rows.add(tokenWith("T7 expired 10 s ago, skew 10 s", payload("{\"exp\":" + (NOW - 10) + "}"), EXPIRED,
                c -> c.clockSkew(Duration.ofSeconds(10))));
        rows.add(tokenWith("T7 expired 10 s ago, skew 5 s", payload("{\"exp\":" + (NOW - 10) + "}"), EXPIRED,
                c -> c.clockSkew(Duration.ofSeconds(5))));

        // T8: nbf, iat, aud types; nbf against the clock
        rows.add(token("T8 nbf in the future", payload("{" + EXP + ",\"nbf\":" + (NOW + 10) + "}"), NOT_YET_VALID));
        rows.add(token("T8 nbf a millisecond ahead", payload("{" + EXP + ",\"nbf\":" + NOW + ".001}"), NOT_YET_VALID));
        rows.add(token("T8 nbf 1e300", payload("{" + EXP + ",\"nbf\":1e300}"), NOT_YET_VALID));
        rows.add(token("T8 nbf equal to now", payload("{" + EXP + ",\"nbf\":" + NOW + "}"), null));
        rows.add(token("T8 nbf negative huge", payload("{" + EXP + ",\"nbf\":-1e300}"), null));
        rows.add(tokenWith("T8 nbf 10 s ahead, skew 10 s", payload("{" + EXP + ",\"nbf\":" + (NOW + 10) + "}"), null,
                c -> c.clockSkew(Duration.ofSeconds(10))));
        rows.add(token("T8 nbf a string", payload("{" + EXP + ",\"nbf\":\"" + NOW + "\"}"), MALFORMED_CLAIMS));
        rows.add(token("T8 nbf null", payload("{" + EXP + ",\"nbf\":null}"), MALFORMED_CLAIMS));
        rows.add(token("T8 iat a string", payload("{" + EXP + ",\"iat\":\"yesterday\"}"), MALFORMED_CLAIMS));
        rows.add(token("T8 iat in the future is not compared", payload("{" + EXP + ",\"iat\":" + (NOW + 3600) + "}"), null));
        rows.add(token("T8 aud a number", payload("{" + EXP + ",\"aud\":1}"), MALFORMED_CLAIMS));
        rows.add(token("T8 aud an array with a number", payload("{" + EXP + ",\"aud\":[\"a\",1]}"), MALFORMED_CLAIMS));
        rows.add(token("T8 aud an object", payload("{" + EXP + ",\"aud\":{}}"), MALFORMED_CLAIMS));

        // T9: unknown claims and header parameters are ignored
        rows.add(token("T9 Approov claims", payload("{" + EXP + ",\"ip\":\"1.2.3.4\",\"did\":\"ExampleDID==\","
                + "\"arc\":\"ABC\",\"iss\":\"approov\",\"iat\":" + NOW + ",\"sub\":\"x\",\"custom\":{\"a\":[1,2.5,null]}}"),
                null));
        rows.add(token("T9 kid", header("{\"alg\":\"HS256\",\"kid\":\"key-1\",\"typ\":\"JWT\"}"), null));
        rows.add(token("T9 no typ", header("{\"alg\":\"HS256\"}"), null));
        rows.add(token("T9 other typ", header("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}"), null));
        rows.add(token("T9 non-string kid is ignored", header("{\"alg\":\"HS256\",\"kid\":7}"), null));
        rows.add(token("T9 spaces in JSON", sign("{ \"alg\" : \"HS256\" }", "{ \"exp\" : " + (NOW + 1) + " }", SECRET), null));
        rows.add(token("T9 escaped alg spelling", header("{\"alg\":\"HS\\u0032\\u0035\\u0036\"}"), null));

        // T10: aud accepted without an expected audience, checked with one
        rows.add(token("T10 aud string, none expected", payload("{" + EXP + ",\"aud\":\"approov.io\"}"), null));
        rows.add(token("T10 aud array, none expected", payload("{" + EXP + ",\"aud\":[\"a\",\"b\"]}"), null));
        UnaryOperator<ApproovConfig.Builder> audience = c -> c.expectedAudience("api.example.com");
        rows.add(tokenWith("T10 aud equals expected", payload("{" + EXP + ",\"aud\":\"api.example.com\"}"), null, audience));
        rows.add(tokenWith("T10 aud array contains expected",
                payload("{" + EXP + ",\"aud\":[\"x\",\"api.example.com\"]}"), null, audience));
        rows.add(tokenWith("T10 aud missing when expected", VALID, AUDIENCE_MISMATCH, audience));
        rows.add(tokenWith("T10 aud other", payload("{" + EXP + ",\"aud\":\"other.example.com\"}"), AUDIENCE_MISMATCH, audience));
        rows.add(tokenWith("T10 aud differs in case", payload("{" + EXP + ",\"aud\":\"API.example.com\"}"), AUDIENCE_MISMATCH,
                audience));
        rows.add(tokenWith("T10 aud empty array", payload("{" + EXP + ",\"aud\":[]}"), AUDIENCE_MISMATCH, audience));

        // B1–B4: binding
        rows.add(bound("B accepted with the bound value", BOUND, List.of(BEARER), null));
        rows.add(bound("B1 token failure reported first", sign(HS256_HEADER, "{" + EXP + ",\"pay\":\"" + pay(BEARER) + "\"}",
                OTHER_SECRET), List.of(BEARER), BAD_SIGNATURE));
        rows.add(bound("B1 expired bound token", payload("{\"exp\":" + (NOW - 1) + ",\"pay\":\"" + pay(BEARER) + "\"}"),
                List.of(BEARER), EXPIRED));
        rows.add(bound("B2 no binding header", BOUND, List.of(), MISSING_BINDING_HEADER));
        rows.add(new Row("B2 null binding lines", List.of(BOUND), Arrays.asList((String) null), MISSING_BINDING_HEADER, c -> c));
        rows.add(bound("B2 empty binding value", BOUND, List.of(""), MISSING_BINDING_HEADER));
        rows.add(bound("B2 two binding lines", BOUND, List.of(BEARER, BEARER), DUPLICATE_BINDING_HEADER));
        rows.add(bound("B3 no pay claim", VALID, List.of(BEARER), MISSING_PAY_CLAIM));
        rows.add(bound("B3 pay empty", payload("{" + EXP + ",\"pay\":\"\"}"), List.of(BEARER), MISSING_PAY_CLAIM));
        rows.add(bound("B3 pay a number", payload("{" + EXP + ",\"pay\":1}"), List.of(BEARER), MISSING_PAY_CLAIM));
        rows.add(bound("B3 pay null", payload("{" + EXP + ",\"pay\":null}"), List.of(BEARER), MISSING_PAY_CLAIM));
        rows.add(bound("B3 pay an array", payload("{" + EXP + ",\"pay\":[\"" + pay(BEARER) + "\"]}"), List.of(BEARER),
                MISSING_PAY_CLAIM));
        rows.add(bound("B4 other value", BOUND, List.of("Bearer fedcba9876543210"), BINDING_MISMATCH));
        rows.add(bound("B4 value without the scheme", BOUND, List.of("0123456789abcdef"), BINDING_MISMATCH));
        rows.add(bound("B4 scheme in other case", BOUND, List.of("bearer 0123456789abcdef"), BINDING_MISMATCH));
        rows.add(bound("B4 trailing space", BOUND, List.of(BEARER + " "), BINDING_MISMATCH));
        rows.add(bound("B4 pay in base64url without padding", payload("{" + EXP + ",\"pay\":\""
                + pay(BEARER).replace('+', '-').replace('/', '_').replace("=", "") + "\"}"), List.of(BEARER), BINDING_MISMATCH));
        rows.add(bound("B4 pay of SHA-256 hex", payload("{" + EXP + ",\"pay\":\"" + hex(BEARER) + "\"}"), List.of(BEARER),
                BINDING_MISMATCH));
        rows.add(bound("B4 pay with trailing newline", payload("{" + EXP + ",\"pay\":\"" + pay(BEARER) + "\\n\"}"),
                List.of(BEARER), BINDING_MISMATCH));
        rows.add(bound("B4 unicode binding value", payload("{" + EXP + ",\"pay\":\"" + pay("Bearer é✓") + "\"}"),
                List.of("Bearer é✓"), null));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRuleAcceptsOrRejectsWithItsReason(Row row) {
        ApproovVerifier verifier = ApproovVerifier.create(row.config().apply(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK)).build());
        ApproovVerdict verdict = row.bindingLines() == null
                ? verifier.verify(row.tokenLines())
                : verifier.verify(row.tokenLines(), row.bindingLines());
        assertEquals(row.expected() == null ? "accepted" : row.expected().code(),
                verdict.failure().map(ApproovFailure::code).orElse("accepted"), row.name());
        // A second look answers the same: the cache never changes a verdict.
        ApproovVerdict again = row.bindingLines() == null
                ? verifier.verify(row.tokenLines())
                : verifier.verify(row.tokenLines(), row.bindingLines());
        assertEquals(verdict.failure(), again.failure(), row.name() + " (second time)");
    }

    @Test
    void acceptedTokenExposesItsClaims() {
        ApproovVerifier verifier = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).build());
        ApproovClaims claims = verifier.verifyToken(payload("{\"exp\":" + NOW + ".25,\"did\":\"D\",\"n\":1.5,\"pay\":\"p\"}"))
                .claims().orElseThrow();
        assertEquals(Instant.ofEpochSecond(NOW, 250_000_000), claims.expiresAt());
        assertEquals("D", claims.deviceId().orElseThrow());
        assertEquals("p", claims.binding().orElseThrow());
        assertEquals(new java.math.BigDecimal("1.5"), claims.claim("n").orElseThrow());
        assertEquals(List.of("exp", "did", "n", "pay"), List.copyOf(claims.asMap().keySet()));
        assertEquals("ApproovClaims[exp, did, n, pay]", claims.toString());
    }

    @Test
    void reusedTokenIsServedFromTheCacheUntilItExpires() {
        MutableClock clock = new MutableClock(NOW * 1000);
        ApproovVerifier verifier = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(clock).build());
        String token = payload("{\"exp\":" + (NOW + 10) + "}");
        ApproovVerdict first = verifier.verifyToken(token);
        assertTrue(first.isAccepted());
        assertSame(first, verifier.verifyToken(token), "the second verdict comes from the cache");
        clock.millis = (NOW + 10) * 1000 - 1;
        assertTrue(verifier.verifyToken(token).isAccepted(), "one millisecond before exp");
        clock.millis = (NOW + 10) * 1000;
        assertEquals(EXPIRED, verifier.verifyToken(token).failure().orElseThrow(), "at exp, from the cache");
        assertEquals(EXPIRED, verifier.verifyToken(token).failure().orElseThrow(), "at exp, after eviction");
    }

    @Test
    void cacheCanBeTurnedOff() {
        ApproovVerifier verifier = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).tokenCacheSize(0).build());
        ApproovVerdict first = verifier.verifyToken(VALID);
        ApproovVerdict second = verifier.verifyToken(VALID);
        assertTrue(first.isAccepted() && second.isAccepted());
        assertTrue(first != second, "without a cache every check is fresh");
    }

    @Test
    void cachedTokenStillHasItsBindingChecked() {
        ApproovVerifier verifier = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).build());
        assertTrue(verifier.verify(List.of(BOUND), List.of(BEARER)).isAccepted());
        assertEquals(BINDING_MISMATCH, verifier.verify(List.of(BOUND), List.of("Bearer other")).failure().orElseThrow());
    }

    @Test
    void unsafeJose4jSystemPropertiesStopStartUp() {
        for (String property : List.of("org.jose4j.jws.default-allow-none", "org.jose4j.jws.getPayload-skip-verify")) {
            System.setProperty(property, "TRUE");
            try {
                ApproovConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                        ApproovConfigurationException.class, () -> ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()));
                assertTrue(e.getMessage().contains(property), e.getMessage());
            } finally {
                System.clearProperty(property);
            }
        }
    }

    /** The signature with its last character's unused low bits set: same bytes to a lenient decoder. */
    static String withTrailingBits(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        char changed = alphabet.charAt(alphabet.indexOf(last) | 0x03);
        return token.substring(0, token.length() - 1) + changed;
    }

    static String flipFirst(String segment) {
        return (segment.charAt(0) == 'A' ? 'B' : 'A') + segment.substring(1);
    }

    static String signBytes(byte[] header, byte[] payload) {
        return sign(header, payload, SECRET);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    static String hex(String value) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock a test can move. */
    static final class MutableClock extends Clock {
        volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
