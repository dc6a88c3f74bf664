package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    static final URI BASE = URI.create("http://127.0.0.1:8002/");
    static final String TOKEN_COMMAND = "java -jar shapes-api/target/shapes-api.jar token";
    static final Pattern TOKEN = Pattern.compile("-H 'Approov-Token: ([\\w.-]+)'");

    static String banner(Map<String, String> environment) {
        return StartupBanner.text(ApproovSettings.read(environment::get), BASE, Instant.now(), TOKEN_COMMAND);
    }

    static List<String> curlLines(String banner) {
        return banner.lines().filter(line -> line.startsWith("curl ")).toList();
    }

    static String tokenIn(String curlLine) {
        Matcher token = TOKEN.matcher(curlLine);
        assertTrue(token.find(), curlLine);
        return token.group(1);
    }

    @Test
    void withoutASecretItWarnsLoudly() {
        String banner = banner(Map.of());
        assertTrue(banner.contains("WARNING: no Approov secret is configured"), banner);
        assertTrue(banner.contains("APPROOV'S PUBLIC DUMMY SECRET"), banner);
        assertTrue(banner.contains("NEVER USE IT IN PRODUCTION"), banner);
        assertTrue(banner.contains("Set APPROOV_BASE64URL_SECRET to your account's secret\n"
                + " (`approov secret -get base64url`)"), banner);
        assertTrue(banner.contains("Approov's quickstart endpoints too: /unprotected, /token-check, /token-binding,\n"
                + "/token-double-binding, /approov-state"), banner);
        assertTrue(banner.contains("Shapes API listening on http://127.0.0.1:8002/"), banner);
    }

    @Test
    void theWarningFitsAnEightyColumnTerminal() {
        banner(Map.of()).lines().filter(line -> !line.startsWith("curl ")).forEach(line ->
                assertTrue(line.length() <= 80, line));
    }

    @Test
    void withoutASecretItPrintsCurlLinesForEachCase() {
        List<String> curl = curlLines(banner(Map.of()));
        assertEquals(16, curl.size(), String.join("\n", curl));
        assertEquals("curl -i http://127.0.0.1:8002/v1/shapes", curl.get(0));
        assertEquals("curl -i http://127.0.0.1:8002/v2/hello", curl.get(1));
        assertEquals("curl -i http://127.0.0.1:8002/v2/shapes", curl.get(2));
        assertTrue(curl.get(3).endsWith(" http://127.0.0.1:8002/v2/shapes"), curl.get(3));
        assertTrue(curl.get(4).endsWith(" http://127.0.0.1:8002/v2/shapes"), curl.get(4));
        assertTrue(curl.get(5).endsWith(" -H 'Authorization: Bearer 0123456789abcdef' http://127.0.0.1:8002/v2/forms"),
                curl.get(5));
        assertTrue(curl.get(6).endsWith(" -H 'Authorization: Bearer fedcba9876543210' http://127.0.0.1:8002/v2/forms"),
                curl.get(6));
    }

    @Test
    void theTokensItPrintsGetWhatTheCommentsPromise() {
        List<String> curl = curlLines(banner(Map.of()));
        TestVerifier dummy = TestVerifier.create(ApproovSettings.read(Map.<String, String>of()::get).config());
        assertTrue(dummy.verifyToken(tokenIn(curl.get(3))).isAccepted());
        assertEquals(Optional.of(ApproovFailure.EXPIRED), dummy.verifyToken(tokenIn(curl.get(4))).failure());
        assertTrue(dummy.verifyToken(tokenIn(curl.get(5)), StartupBanner.EXAMPLE_AUTHORIZATION).isAccepted());
        assertEquals(tokenIn(curl.get(5)), tokenIn(curl.get(6)));
        assertEquals(Optional.of(ApproovFailure.BINDING_MISMATCH),
                dummy.verifyToken(tokenIn(curl.get(6)), StartupBanner.OTHER_AUTHORIZATION).failure());
    }

    @Test
    void theSignedLinesAreWhatTheLibraryAcceptsAndTheAlteredOnesWhatItRefuses() {
        List<String> curl = curlLines(banner(Map.of()));
        TestVerifier dummy = TestVerifier.create(ApproovSettings.read(Map.<String, String>of()::get).config());
        for (String signed : List.of(curl.get(7), curl.get(8))) {
            TestVerifier.Verdict verdict = dummy.verifySigned(TokenToolSignedCurlTest.request(signed));
            assertTrue(verdict.isAccepted(), verdict + " " + signed);
            assertTrue(verdict.claims().orElseThrow().isMessageSigned());
        }
        assertTrue(curl.get(8).contains("-H 'Content-Digest: sha-256=:"), curl.get(8));
        assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), dummy.verifySigned(TokenToolSignedCurlTest.request(curl.get(9))).failure());
        assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE),
                dummy.verifySigned(TokenToolSignedCurlTest.request(curl.get(10))).failure());
        assertEquals(tokenIn(curl.get(7)), tokenIn(curl.get(10)));
    }

    @Test
    void theOrderLineIsPrintedTwiceASignedRequestToTheSingleUseEndpoint() {
        String banner = banner(Map.of());
        List<String> curl = curlLines(banner);
        assertEquals(curl.get(11), curl.get(12), "the very same request, twice");
        assertTrue(curl.get(11).endsWith(" 'http://127.0.0.1:8002/v5/orders'"), curl.get(11));
        assertTrue(curl.get(11).contains("--data-binary '" + StartupBanner.EXAMPLE_ORDER + "'"), curl.get(11));
        assertTrue(banner.contains("# POST /v5/orders, @ApproovSigned(singleUse = true), takes each signed request\n# once: 201\n"
                + curl.get(11) + "\n\n# the very same signed order again, as a replay: 401\n" + curl.get(12)), banner);
        TestVerifier.Verdict verdict = TestVerifier.create(ApproovSettings.read(Map.<String, String>of()::get).config())
                .verifySigned(TokenToolSignedCurlTest.request(curl.get(11)));
        assertTrue(verdict.claims().orElseThrow().isMessageSigned(), verdict.toString());
    }

    @Test
    void theCurlLinesUseTheConfiguredHeaderNames() {
        String banner = banner(Map.of("APPROOV_TOKEN_HEADER_NAME", "X-Approov", "APPROOV_TOKEN_BINDING_HEADER_NAME", "X-User"));
        assertTrue(banner.contains("-H 'X-Approov: ey"), banner);
        assertTrue(banner.contains("-H 'X-User: Bearer 0123456789abcdef'"), banner);
        assertFalse(banner.contains("Approov-Token:"), banner);
    }

    @Test
    void theDummySecretConfiguredOnPurposeGetsTheWarningToo() {
        for (Map<String, String> environment : List.of(Map.of("APPROOV_BASE64_SECRET", ApproovTokens.DUMMY_SECRET_BASE64),
                Map.of("APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL))) {
            String banner = banner(environment);
            assertTrue(banner.contains("WARNING: the Approov secret configured is APPROOV'S PUBLIC DUMMY SECRET"), banner);
            assertEquals(16, curlLines(banner).size());
        }
    }

    @Test
    void withSeveralBindingHeadersTheBoundLinesCarryEachAndTheTokenBindsThemAll() {
        Map<String, String> environment = Map.of("APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization,SessionId");
        String banner = banner(environment);
        assertTrue(banner.contains("# /v2/forms with a token bound to the Authorization, SessionId headers it comes with: 200"),
                banner);
        List<String> curl = curlLines(banner);
        assertTrue(curl.get(5).endsWith(" -H 'Authorization: Bearer 0123456789abcdef' -H 'SessionId: example-sessionid'"
                + " http://127.0.0.1:8002/v2/forms"), curl.get(5));
        assertEquals(ApproovTokens.pay(StartupBanner.EXAMPLE_AUTHORIZATION + "example-sessionid"), payOf(tokenIn(curl.get(5))));
    }

    /** The {@code pay} claim of a token, read from its payload. */
    static String payOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        Matcher pay = Pattern.compile("\"pay\":\"([^\"]+)\"").matcher(payload);
        assertTrue(pay.find(), payload);
        return pay.group(1);
    }

    @Test
    void theAccountSignedLinesUseTheKeyItGeneratedAndPrinted() {
        ApproovSettings settings = ApproovSettings.read(Map.<String, String>of()::get);
        String banner = StartupBanner.text(settings, BASE, Instant.now(), TOKEN_COMMAND);
        String key = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(settings.accountKey().orElseThrow());
        assertTrue(settings.accountKeyGenerated());
        assertTrue(banner.contains("Account message-signing key of this run (generated now, demo only), base64url:\n  "
                + key + "\n"), banner);
        List<String> curl = curlLines(banner);
        TestVerifier server = TestVerifier.create(settings.config());
        for (String signed : List.of(curl.get(13), curl.get(14))) {
            assertTrue(signed.contains("-H 'Signature: account=:"), signed);
            TestVerifier.Verdict verdict = server.verifySigned(TokenToolSignedCurlTest.request(signed));
            assertTrue(verdict.isAccepted(), verdict + " " + signed);
            assertEquals(java.util.Set.of("account"), verdict.claims().orElseThrow().verifiedMessageSignatures());
            assertEquals(Optional.of("demo"), verdict.claims().orElseThrow().stringClaim("mskid"));
            assertFalse(verdict.claims().orElseThrow().claim("ipk").isPresent());
        }
        assertTrue(curl.get(14).contains("-H 'Content-Digest: sha-256=:"), curl.get(14));
        assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE),
                server.verifySigned(TokenToolSignedCurlTest.request(curl.get(15))).failure());
        // Another run's server has another key: the printed lines are this run's only.
        TestVerifier another = TestVerifier.create(ApproovSettings.read(Map.<String, String>of()::get).config());
        assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE),
                another.verifySigned(TokenToolSignedCurlTest.request(curl.get(13))).failure());
    }

    @Test
    void aConfiguredAccountKeyIsUsedButNeverPrinted() {
        String configured = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("configured-account-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Map<String, String> env = Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", configured,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-7");
        ApproovSettings settings = ApproovSettings.read(env::get);
        String banner = StartupBanner.text(settings, BASE, Instant.now(), TOKEN_COMMAND);
        assertFalse(banner.contains(configured.substring(0, 12)), banner);
        assertTrue(banner.contains("Account message-signing key: the configured one"), banner);
        TestVerifier.Verdict verdict = TestVerifier.create(settings.config())
                .verifySigned(TokenToolSignedCurlTest.request(curlLines(banner).get(13)));
        assertEquals(Optional.of("msk-7"), verdict.claims().orElseThrow().stringClaim("mskid"));
        Map<String, String> real = new java.util.HashMap<>(env);
        real.put("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        String realBanner = banner(real);
        assertFalse(realBanner.contains(configured.substring(0, 12)), realBanner);
        assertEquals(List.of(), curlLines(realBanner));
        assertTrue(realBanner.contains("Account signatures: checked with the configured account key"), realBanner);
    }

    @Test
    void withARealSecretItNeverPrintsAToken() {
        String banner = banner(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64));
        assertFalse(banner.contains("eyJ"), banner);
        assertFalse(banner.contains("WARNING"), banner);
        assertFalse(banner.contains(TestSecret.SECRET_BASE64.substring(0, 12)), banner);
        assertEquals(List.of(), curlLines(banner));
        assertTrue(banner.contains("Shapes API listening on http://127.0.0.1:8002/"), banner);
        assertTrue(banner.contains(TOKEN_COMMAND + " --help"), banner);
        assertTrue(banner.contains("Approov secret configured: /v2/shapes needs a valid Approov-Token,\n"
                + "/v2/forms one bound to Authorization, /v5/shapes a signed request,\n"
                + "POST /v5/orders a signed request taken once.\n"), banner);
        assertFalse(banner(Map.of("APPROOV_BASE64URL_SECRET", java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(TestSecret.SECRET))).contains("eyJ"));
    }
}
