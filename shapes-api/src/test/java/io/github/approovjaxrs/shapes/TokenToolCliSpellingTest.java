package io.github.approovjaxrs.shapes;

import static io.github.approovjaxrs.shapes.TokenToolTest.NOW;
import static io.github.approovjaxrs.shapes.TokenToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token tool in the Approov CLI's spelling ({@code approov token -genExample <api-domain> -type invalid
 * -setDataHashInToken <value> -genLongLived <issuer>,<duration>}), so that scripts written for the CLI, such as
 * Approov's quickstart test harness, run against it unchanged; and the secret in base64url, as
 * {@code APPROOV_BASE64URL_SECRET} holds it.
 */
class TokenToolCliSpellingTest {

    static final String SECRET_BASE64URL = Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET);
    static final Map<String, String> ENVIRONMENT = Map.of("APPROOV_BASE64URL_SECRET", SECRET_BASE64URL);
    static final TestVerifier SERVER = TestVerifier.create(ApproovConfig.builder().base64UrlSecret(SECRET_BASE64URL)
            .loggingEnabled(false).clock(TokenToolTest.CLOCK).build());

    @Test
    void genExampleMintsAValidTokenForAnHourSignedWithTheBase64UrlSecretSilently() {
        TokenToolTest.Run run = run(ENVIRONMENT, "-genExample", "example.com");
        assertEquals("", run.err());
        ApproovClaims claims = SERVER.verifyToken(run.token()).claims().orElseThrow();
        assertEquals(NOW.plus(Duration.ofHours(1)), claims.expiresAt());
    }

    @Test
    void typeInvalidAsTheCliSpellsItGivesAWrongSignature() {
        for (String[] args : List.of(new String[] {"-genExample", "example.com", "-type", "invalid"},
                new String[] {"-type=invalid", "-genExample=example.com"}, new String[] {"--type", "invalid"})) {
            assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE), SERVER.verifyToken(run(ENVIRONMENT, args).token()).failure(),
                    String.join(" ", args));
        }
        assertTrue(SERVER.verifyToken(run(ENVIRONMENT, "-genExample", "example.com", "-type", "valid").token()).isAccepted());
    }

    @Test
    void setDataHashInTokenBindsTheValueAsTheHarnessUsesIt() {
        String token = run(ENVIRONMENT, "-setDataHashInToken", "ExampleAuthToken==", "-genExample", "example.com").token();
        assertTrue(SERVER.verifyToken(token, "ExampleAuthToken==").isAccepted());
        assertEquals(Optional.of(ApproovFailure.BINDING_MISMATCH), SERVER.verifyToken(token, "BadAuthToken==").failure());
        // Two headers, concatenated: pay as OpenSSL computes it (see BindingHeadersTest in approov-core).
        String both = run(ENVIRONMENT, "--setDataHashInToken=ExampleAuthToken==ContentDigest==", "-genExample",
                "example.com").token();
        String payload = new String(Base64.getUrlDecoder().decode(both.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"pay\":\"rncT7suIJjAlDTXvL3eVAuJYyRgKAnOe13eUaq9xHCQ=\""), payload);
    }

    @Test
    void genLongLivedSetsTheIssuerAndTheLifetime() {
        ApproovClaims claims = SERVER.verifyToken(run(ENVIRONMENT, "-genLongLived", "api.example.com,30d").token())
                .claims().orElseThrow();
        assertEquals(NOW.plus(Duration.ofDays(30)), claims.expiresAt());
        assertEquals("api.example.com", claims.asMap().get("iss"));
        ApproovClaims year = SERVER.verifyToken(run(ENVIRONMENT, "-genLongLived=issuer,with,commas,1y").token())
                .claims().orElseThrow();
        assertEquals(NOW.plus(Duration.ofDays(365)), year.expiresAt());
        assertEquals("issuer,with,commas", year.asMap().get("iss"));
    }

    @Test
    void theCliAndTheToolsOwnSpellingsMixAsLongAsNothingIsGivenTwice() {
        String token = run(ENVIRONMENT, "-genExample", "example.com", "--claim", "sub=x", "--kid", "k1").token();
        assertTrue(SERVER.verifyToken(token).isAccepted());
        assertEquals(TokenTool.USAGE_ERROR, run(ENVIRONMENT, "-setDataHashInToken", "a", "--bind", "b").status());
        assertEquals(TokenTool.USAGE_ERROR, run(ENVIRONMENT, "-genLongLived", "i,1d", "--expires-in", "2h").status());
        assertEquals(TokenTool.USAGE_ERROR, run(ENVIRONMENT, "-genExample", "a.com", "-genExample", "b.com").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-genExample",
        "-genExample= ",
        "-genExample -type",
        "-type failover",
        "-type",
        "-setDataHashInToken",
        "-setDataHashInToken=",
        "-genLongLived 30d",
        "-genLongLived ,30d",
        "-genLongLived issuer,",
        "-genLongLived issuer,1w",
        "-genLongLived issuer,11y",
        "-check eyJ",
        "-genExample example.com extra",
    })
    void badCliSpellingsPrintUsageOnStderrWithStatus2(String commandLine) {
        run(ENVIRONMENT, commandLine.split(" ")).assertUsageError();
    }

    @Test
    void theUsageShowsTheCliSpellings() {
        for (String spelling : List.of("-genExample <api-domain>", "-type valid|invalid", "-setDataHashInToken <value>",
                "-genLongLived <issuer>,<duration>", "APPROOV_BASE64URL_SECRET")) {
            assertTrue(TokenTool.USAGE.contains(spelling), spelling);
        }
    }

    @Test
    void theDummySecretInBase64UrlIsSaidToBeTheDummy() {
        TokenToolTest.Run run = run(Map.of("APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL),
                "-genExample", "example.com");
        assertEquals("token: the configured secret is Approov's public dummy secret (demo only).\n", run.err());
        assertTrue(TokenToolTest.DUMMY.verifyToken(run.token()).isAccepted());
    }
}
