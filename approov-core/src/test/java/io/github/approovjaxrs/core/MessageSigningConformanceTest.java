package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the message-signing conformance file (test resource
 * {@code message-signing/approov-install-signatures.json}, source in the README beside it): Approov's
 * ASP.NET quickstart key pair and {@code ipk} token, requests signed as the SDK signs them, valid and
 * altered. The clock is pinned inside each signature's [created, expires].
 */
class MessageSigningConformanceTest {

    static final Map<String, Object> FILE = load();
    /** What each invalid case must fail with; the file names the kind ("content digest", "signature"). */
    static final Map<String, ApproovFailure> EXPECTED_FAILURES = Map.of(
            "invalid (content digest)", ApproovFailure.CONTENT_DIGEST_MISMATCH,
            "invalid (signature)", ApproovFailure.BAD_MESSAGE_SIGNATURE);

    static Map<String, Object> load() {
        try (InputStream in = MessageSigningConformanceTest.class
                .getResourceAsStream("/message-signing/approov-install-signatures.json")) {
            return StrictJson.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StrictJson.MalformedJsonException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApproovVerifier verifier() {
        return verifier(EcdsaP256.DEFAULT);
    }

    static ApproovVerifier verifier(EcdsaP256 ecdsa) {
        long created = (Long) StructuredFieldsTest.castMap(FILE.get("clock")).get("created");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(created + 5), ZoneOffset.UTC);
        return ApproovVerifier.create(ApproovConfig.builder().base64Secret((String) FILE.get("secret_base64"))
                .loggingEnabled(false).clock(clock).build(), ecdsa);
    }

    static Stream<Arguments> cases() {
        return StructuredFieldsTest.castList(FILE.get("cases")).stream()
                .map(StructuredFieldsTest::castMap)
                .map(c -> Arguments.of(c.get("name"), c));
    }

    /** Every case on each ECDSA engine: the JDK's, and BouncyCastle's (a test dependency). */
    static Stream<Arguments> casesOnEachEngine() {
        return Stream.of(EcdsaP256.jdk(), EcdsaP256.DEFAULT).flatMap(engine -> cases()
                .map(c -> Arguments.of(c.get()[0] + " (" + engine.describe() + ")", c.get()[1], engine)));
    }

    static ApproovRequest request(Map<String, Object> testCase) {
        ApproovRequest.Builder request = ApproovRequest.builder()
                .method((String) testCase.get("method"))
                .target(URI.create((String) testCase.get("target_uri")));
        StructuredFieldsTest.castMap(testCase.get("headers")).forEach((name, value) -> request.header(name, (String) value));
        if (testCase.get("body") instanceof String body) {
            request.body(body.getBytes(StandardCharsets.UTF_8));
        }
        return request.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesOnEachEngine")
    void everyCaseGetsTheVerdictItsLabelSays(String name, Map<String, Object> testCase, EcdsaP256 engine) {
        ApproovVerdict verdict = verifier(engine).verifySigned(request(testCase));
        String expect = (String) testCase.get("expect");
        if (expect.equals("valid")) {
            assertTrue(verdict.isAccepted(), () -> name + ": " + verdict);
            assertTrue(verdict.claims().orElseThrow().isMessageSigned(), name);
        } else {
            assertEquals(Optional.of(EXPECTED_FAILURES.get(expect)), verdict.failure(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validCasesRebuildTheExpectedSignatureBaseByteForByte(String name, Map<String, Object> testCase)
            throws Exception {
        if (!(testCase.get("signature_base") instanceof String expectedBase)) {
            return; // invalid cases carry no base
        }
        ApproovRequest request = request(testCase);
        StructuredFields.InnerList input = (StructuredFields.InnerList) StructuredFields
                .parseDictionary(request.headerLines("signature-input")).get("install");
        URI target = URI.create((String) testCase.get("target_uri"));
        SignatureBase.Outcome base = SignatureBase.build(input, request, target.getScheme(), target.getAuthority());
        assertEquals(expectedBase, base.text(), name);
    }

    @Test
    void theFileHoldsValidAndInvalidCasesOfBothSignatureSpellings() {
        List<Map<String, Object>> cases = cases().map(a -> StructuredFieldsTest.castMap(a.get()[1])).toList();
        assertEquals(9, cases.size());
        assertEquals(4, cases.stream().filter(c -> c.get("expect").equals("valid")).count());
        assertTrue(cases.stream().anyMatch(c -> StructuredFieldsTest.castMap(c.get("headers")).get("Signature")
                .toString().startsWith("install=\"")));
    }

    @Test
    void theTokenItselfIsValidAndCarriesTheIpkOfTheFile() {
        ApproovClaims claims = verifier().verifyToken((String) FILE.get("token")).claims().orElseThrow();
        assertEquals(Optional.of(FILE.get("ipk")), claims.stringClaim("ipk"));
        assertTrue(claims.installationKey().key() != null);
    }
}
