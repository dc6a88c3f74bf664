package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ApproovFailure.BINDING_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.DUPLICATE_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_BINDING_HEADER;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_PAY_CLAIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Token binding to several headers, as Approov's current quickstarts bind {@code /token-double-binding}: each
 * listed header present exactly once and non-empty, the values concatenated in the listed order with no
 * separator, {@code pay} = base64(SHA-256(UTF-8 of the concatenation)).
 *
 * <p>The {@code pay} values are not computed by this code base: each was minted with OpenSSL, e.g.
 * {@code printf '%s' 'ExampleAuthToken==ContentDigest==' | openssl dgst -sha256 -binary | base64} (OpenSSL
 * 3.0.19), so a fault shared by the check and the test's own minting cannot hide here.
 */
class BindingHeadersTest {

    /** The values of Approov's Java quickstart harness, {@code test.sh}. */
    static final String AUTHORIZATION = "ExampleAuthToken==";
    static final String CONTENT_DIGEST = "ContentDigest==";
    /** pay for "ExampleAuthToken==ContentDigest==" ({@code -setDataHashInToken "${AUTH_VAL2}${CD_VAL}"}), by OpenSSL. */
    static final String PAY_AUTHORIZATION_THEN_DIGEST = "rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ=";
    /** pay for "ExampleAuthToken==" alone, by OpenSSL. */
    static final String PAY_AUTHORIZATION = "KNp99taRgRJmY49DW4RmGUiJRAg4cnysnUeDMcc3wTU=";
    /** pay for "ExampleAuthToken==123" (Authorization then SessionId, the Node and Laravel quickstarts'), by OpenSSL. */
    static final String PAY_AUTHORIZATION_THEN_SESSION = "xHlbXZSgHFr9KTHaOIAlF8eji8aFNFjElfnqC5sGRNA=";
    /** pay for the UTF-8 bytes of "Bearer ünïcödé" (c3 bc, c3 af, c3 b6, c3 a9), by OpenSSL. */
    static final String PAY_NON_ASCII = "RT1NmPiOuAUrP0MwXuIWnweyZLRdnRREt81NVtVSiEI=";

    static final ApproovRequirements DOUBLE = ApproovRequirements.token().withBinding("Authorization", "Content-Digest");

    final ApproovCheck check = ApproovCheck.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
            .loggingEnabled(false).build());

    static String token(String pay) {
        return (pay == null ? TestSecret.TOKENS : TestSecret.TOKENS.claim("pay", pay)).mint();
    }

    /** A request with the token and {@code headers} as name, value pairs. */
    static ApproovRequest request(String token, String... headers) {
        ApproovRequest.Builder request = ApproovRequest.builder().method("GET")
                .target(URI.create("https://api.example.com/token-double-binding")).header("Approov-Token", token);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    static ApproovFailure refusal(ApproovDecision decision) {
        return assertInstanceOf(ApproovDecision.Refused.class, decision).reason();
    }

    @Test
    void aTokenMintedOverBothValuesInOrderPasses() {
        ApproovDecision decision = check.decide(request(token(PAY_AUTHORIZATION_THEN_DIGEST),
                "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST), DOUBLE);
        assertInstanceOf(ApproovDecision.Accepted.class, decision);
    }

    @Test
    void headerNamesMatchInAnyCaseAndTheOrderOfTheLinesDoesNotMatter() {
        ApproovDecision decision = check.decide(request(token(PAY_AUTHORIZATION_THEN_DIGEST),
                "content-digest", CONTENT_DIGEST, "AUTHORIZATION", AUTHORIZATION), DOUBLE);
        assertInstanceOf(ApproovDecision.Accepted.class, decision);
    }

    @Test
    void theConfiguredListBindsEndpointsThatNameNoHeaders() {
        ApproovCheck configured = ApproovCheck.create(ApproovConfig.fromEnvironment(java.util.Map.of(
                "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64, "APPROOV_LOGGING_ENABLED", "false",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization, SessionId")::get));
        assertEquals(List.of("Authorization", "SessionId"), configured.config().bindingHeaderNames());
        ApproovRequirements bound = ApproovRequirements.token().withBinding();
        assertInstanceOf(ApproovDecision.Accepted.class, configured.decide(request(token(PAY_AUTHORIZATION_THEN_SESSION),
                "Authorization", AUTHORIZATION, "SessionId", "123"), bound));
        assertEquals(MISSING_BINDING_HEADER, refusal(configured.decide(request(token(PAY_AUTHORIZATION_THEN_SESSION),
                "Authorization", AUTHORIZATION), bound)));
        // An endpoint that names its own headers reads those instead.
        assertInstanceOf(ApproovDecision.Accepted.class, configured.decide(request(token(PAY_AUTHORIZATION),
                "Authorization", AUTHORIZATION), ApproovRequirements.token().withBinding("Authorization")));
    }

    @Test
    void oneHeaderBindsItsWholeValueAsBefore() {
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(request(token(PAY_AUTHORIZATION),
                "Authorization", AUTHORIZATION), ApproovRequirements.token().withBinding()));
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(request(token(PAY_NON_ASCII),
                "Authorization", "Bearer \u00fcn\u00efc\u00f6d\u00e9"), ApproovRequirements.token().withBinding()));
    }

    /** Approov's harness cases against the double-binding endpoint, and the variants around them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            no binding header at all                              | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | null               | null                | MISSING_BINDING_HEADER
            Authorization missing (harness 5.7)                   | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | null               | ContentDigest==     | MISSING_BINDING_HEADER
            Content-Digest missing (harness 4.3)                  | KNp99taRgRJmY49DW4RmGUiJRAg4cnysnUeDMcc3wTU= | ExampleAuthToken== | null                | MISSING_BINDING_HEADER
            Content-Digest empty                                  | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ExampleAuthToken== | ''                  | MISSING_BINDING_HEADER
            Authorization empty                                   | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ''                 | ContentDigest==     | MISSING_BINDING_HEADER
            wrong values (harness 3.3, 5.9)                       | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | BadAuthToken==     | BadContentDigest==  | BINDING_MISMATCH
            right Authorization, wrong Content-Digest             | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ExampleAuthToken== | ContentDigest=      | BINDING_MISMATCH
            values swapped between the headers                    | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ContentDigest==    | ExampleAuthToken==  | BINDING_MISMATCH
            a token bound to Authorization alone (harness 4.3)    | KNp99taRgRJmY49DW4RmGUiJRAg4cnysnUeDMcc3wTU= | ExampleAuthToken== | ContentDigest==     | BINDING_MISMATCH
            a token not bound at all (harness 5.6)                | null                                         | ExampleAuthToken== | ContentDigest==     | MISSING_PAY_CLAIM
            both values in Authorization, no Content-Digest       | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ExampleAuthToken==ContentDigest== | null | MISSING_BINDING_HEADER
            the boundary moved: the same concatenation, split elsewhere | rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ= | ExampleAuthToken | ==ContentDigest== | null
            """)
    void everyVariantOfTheHarnessIsRefusedForItsReason(String name, String pay, String authorization, String digest,
            ApproovFailure expected) {
        List<String> headers = new java.util.ArrayList<>();
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        if (digest != null) {
            headers.addAll(List.of("Content-Digest", digest));
        }
        ApproovDecision decision = check.decide(request(token(pay), headers.toArray(String[]::new)), DOUBLE);
        if (expected == null) {
            // No separator, as Approov's quickstarts concatenate: the binding covers the bytes, not the split.
            assertInstanceOf(ApproovDecision.Accepted.class, decision, name);
        } else {
            assertEquals(expected, refusal(decision), name);
        }
    }

    @Test
    void aSecondLineOfEitherHeaderIsADuplicate() {
        String token = token(PAY_AUTHORIZATION_THEN_DIGEST);
        assertEquals(DUPLICATE_BINDING_HEADER, refusal(check.decide(request(token, "Authorization", AUTHORIZATION,
                "Content-Digest", CONTENT_DIGEST, "Content-Digest", CONTENT_DIGEST), DOUBLE)));
        assertEquals(DUPLICATE_BINDING_HEADER, refusal(check.decide(request(token, "Authorization", AUTHORIZATION,
                "authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST), DOUBLE)));
    }

    @Test
    void theFirstHeaderThatFailsDecidesTheReason() {
        // Authorization twice and Content-Digest missing: Authorization is listed first.
        assertEquals(DUPLICATE_BINDING_HEADER, refusal(check.decide(request(token(PAY_AUTHORIZATION_THEN_DIGEST),
                "Authorization", AUTHORIZATION, "Authorization", "x"), DOUBLE)));
        // The headers are judged before the token's pay: a token without pay and no headers is "missing header".
        assertEquals(MISSING_BINDING_HEADER, refusal(check.decide(request(token(null)), DOUBLE)));
    }

    @Test
    void aCustomExtractorStandsForTheConfiguredBindingButNotForNamedHeaders() {
        ApproovRequest extracted = ApproovRequest.builder().method("GET").target(URI.create("https://api.example.com/x"))
                .header("Approov-Token", token(PAY_AUTHORIZATION_THEN_DIGEST))
                .header("Authorization", AUTHORIZATION).header("Content-Digest", CONTENT_DIGEST)
                .bindingValues(() -> List.of(AUTHORIZATION + CONTENT_DIGEST)).build();
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(extracted, ApproovRequirements.token().withBinding()));
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(extracted, DOUBLE));
        assertEquals(BINDING_MISMATCH, refusal(check.decide(extracted, ApproovRequirements.token().withBinding("Authorization"))),
                "the endpoint's own header, not the extractor's value");
    }

    @Test
    void monitorModeLetsAMismatchThroughWithoutClaims() {
        ApproovCheck monitor = ApproovCheck.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                .loggingEnabled(false).abortOnInvalidBinding(false).build());
        ApproovDecision decision = monitor.decide(request(token(PAY_AUTHORIZATION_THEN_DIGEST),
                "Authorization", "BadAuthToken==", "Content-Digest", CONTENT_DIGEST), DOUBLE);
        assertEquals(BINDING_MISMATCH, assertInstanceOf(ApproovDecision.LetThrough.class, decision).reason());
    }

    @Test
    void requirementsNameTheirHeadersOnceAndTheMoreSpecificOnesWin() {
        assertEquals(List.of("Authorization", "Content-Digest"), DOUBLE.bindingHeaderNames());
        assertEquals(List.of(), ApproovRequirements.token().withBinding().bindingHeaderNames());
        assertEquals("token + binding to Authorization, Content-Digest", DOUBLE.toString());
        assertEquals("token + binding", ApproovRequirements.token().withBinding().toString());
        assertNotEquals(ApproovRequirements.token().withBinding(), DOUBLE);
        assertEquals(DOUBLE, ApproovRequirements.token().withBinding("Authorization", "Content-Digest"));
        // and(): the named headers of the first win; a default binding adds nothing to named ones.
        ApproovRequirements session = ApproovRequirements.token().withBinding("SessionId");
        assertEquals(DOUBLE, DOUBLE.and(session));
        assertEquals(session, session.and(DOUBLE));
        assertEquals(DOUBLE, ApproovRequirements.token().withBinding().and(DOUBLE));
        assertEquals(DOUBLE, DOUBLE.and(ApproovRequirements.token().withBinding()));
        assertEquals(DOUBLE.withMessageSignature(), ApproovRequirements.token().withMessageSignature().and(DOUBLE));
        for (String[] names : List.of(new String[0], new String[] {"Authorization", "authorization"},
                new String[] {"Authorization", "Bad Header"}, new String[] {""})) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ApproovRequirements.token().withBinding(names));
            assertTrue(refused.getMessage().startsWith("Binding headers"), refused.getMessage());
        }
    }
}
