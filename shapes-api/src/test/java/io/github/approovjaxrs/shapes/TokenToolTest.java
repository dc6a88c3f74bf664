package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenToolTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** One run of the tool: exit status, stdout, stderr. */
    record Run(int status, String out, String err) {
        String token() {
            assertEquals(0, status, err);
            assertTrue(out.endsWith("\n"), out);
            assertEquals(1, out.lines().count(), out);
            return out.strip();
        }

        /** A usage error: status 2, nothing on stdout, the problem and then the usage on stderr. */
        void assertUsageError() {
            assertEquals(TokenTool.USAGE_ERROR, status, err);
            assertEquals("", out);
            assertTrue(err.startsWith("token: "), err);
            assertTrue(err.endsWith(TokenTool.USAGE), err);
        }
    }

    static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenTool.run(Arrays.asList(args), () -> environment::get, CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** The server's check, at the tool's fixed "now". */
    static TestVerifier verifier(String base64Secret) {
        return TestVerifier.create(ApproovConfig.builder().base64Secret(base64Secret).loggingEnabled(false)
                .clock(CLOCK).build());
    }

    static final TestVerifier DUMMY = verifier(ApproovTokens.DUMMY_SECRET_BASE64);

    @Test
    void printsOnlyAValidTokenSignedWithTheDummySecretByDefault() {
        Run run = run();
        ApproovClaims claims = DUMMY.verifyToken(run.token()).claims().orElseThrow();
        assertEquals(NOW.plus(Duration.ofHours(1)), claims.expiresAt());
        assertEquals(Optional.of((Object) NOW.getEpochSecond()), claims.claim("iat").map(n -> ((Number) n).longValue()));
        assertEquals(Optional.of("192.0.2.1"), claims.stringClaim("ip"));
        assertTrue(claims.deviceId().isPresent());
        assertTrue(run.err().contains("public dummy secret"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--expires-in=30s", "--expires-in 30s"})
    void setsTheLifetime(String option) {
        String token = run(option.split(" ")).token();
        assertEquals(NOW.plusSeconds(30), DUMMY.verifyToken(token).claims().orElseThrow().expiresAt());
    }

    @Test
    void aNegativeLifetimeGivesAnExpiredToken() {
        String token = run("--expires-in", "-5m").token();
        assertEquals(Optional.of(ApproovFailure.EXPIRED), DUMMY.verifyToken(token).failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--expired", "--type=expired", "--type expired"})
    void expiredTokensExpiredAnHourAgoByDefault(String option) {
        String token = run(option.split(" ")).token();
        assertEquals(Optional.of(ApproovFailure.EXPIRED), DUMMY.verifyToken(token).failure());
        TestVerifier.Verdict anHourAgo = TestVerifier.create(ApproovConfig.builder()
                .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false)
                .clock(Clock.fixed(NOW.minus(Duration.ofHours(1)).minusSeconds(1), ZoneOffset.UTC)).build())
                .verifyToken(token);
        assertTrue(anHourAgo.isAccepted(), anHourAgo.toString());
    }

    @Test
    void anExpiredTokenWasIssuedBeforeItExpired() {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(run("--expired").token().split("\\.")[1]),
                StandardCharsets.UTF_8);
        long exp = NOW.minus(Duration.ofHours(1)).getEpochSecond();
        assertTrue(payload.startsWith("{\"exp\":" + exp + ",\"iat\":" + (exp - 3600) + ","), payload);
    }

    @Test
    void expiredTakesHowLongAgoFromExpiresIn() {
        String token = run("--expired", "--expires-in", "10m").token();
        TestVerifier.Verdict justBefore = TestVerifier.create(ApproovConfig.builder()
                .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false)
                .clock(Clock.fixed(NOW.minusSeconds(601), ZoneOffset.UTC)).build())
                .verifyToken(token);
        assertTrue(justBefore.isAccepted());
        assertEquals(Optional.of(ApproovFailure.EXPIRED), DUMMY.verifyToken(token).failure());
    }

    @Test
    void anInvalidTokenHasAWrongSignatureOnly() {
        String token = run("--type", "invalid").token();
        assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE), DUMMY.verifyToken(token).failure());
        assertTrue(token.startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), token);
    }

    @Test
    void bindsTheTokenToAnAuthorizationValue() {
        String token = run("--bind", "Bearer 0123456789abcdef").token();
        assertTrue(DUMMY.verifyToken(token, "Bearer 0123456789abcdef").isAccepted());
        assertEquals(Optional.of(ApproovFailure.BINDING_MISMATCH), DUMMY.verifyToken(token, "Bearer other").failure());
        assertEquals(Optional.of(ApproovTokens.pay("Bearer 0123456789abcdef")),
                DUMMY.verifyToken(token).claims().orElseThrow().binding());
    }

    @Test
    void addsStringClaims() {
        String token = run("--claim", "iss=api.example.com", "--claim=did=ExampleApproovTokenDID==", "--claim", "note=").token();
        ApproovClaims claims = DUMMY.verifyToken(token).claims().orElseThrow();
        assertEquals(Optional.of("api.example.com"), claims.stringClaim("iss"));
        assertEquals(Optional.of("ExampleApproovTokenDID=="), claims.deviceId());
        assertEquals(Optional.of(""), claims.stringClaim("note"));
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.indexOf("\"iss\"") < payload.indexOf("\"note\""), "in the order given: " + payload);
    }

    @Test
    void signsWithTheConfiguredSecretSilently() {
        Run run = run(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64));
        assertTrue(verifier(TestSecret.SECRET_BASE64).verifyToken(run.token()).isAccepted());
        assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE), DUMMY.verifyToken(run.token()).failure());
        assertEquals("", run.err());
    }

    @Test
    void addsTheExpectedAudienceSoValidMeansValidForThisServer() {
        Map<String, String> environment = Map.of("APPROOV_EXPECTED_AUDIENCE", "shapes.example.com");
        String token = run(environment).token();
        TestVerifier expectingAudience = TestVerifier.create(ApproovConfig.builder()
                .readEnvironment(environment::get).base64Secret(ApproovTokens.DUMMY_SECRET_BASE64)
                .clock(CLOCK).loggingEnabled(false).build());
        assertTrue(expectingAudience.verifyToken(token).isAccepted());
        assertEquals(Optional.of("shapes.example.com"), DUMMY.verifyToken(token).claims().orElseThrow().stringClaim("aud"));
    }

    @Test
    void aConfiguredButInvalidSecretStopsWithTheLibrarysMessage() {
        Run run = run(Map.of("APPROOV_BASE64_SECRET", "not-base64!"));
        assertEquals(TokenTool.INVALID_CONFIGURATION, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("token: Invalid Approov configuration: APPROOV_BASE64_SECRET is not valid base64"),
                run.err());
        assertFalse(run.err().contains("not-base64!"), run.err());
    }

    @Test
    void helpGoesToStdoutWithStatus0EvenWithABrokenConfiguration() {
        Run run = run(Map.of("APPROOV_BASE64_SECRET", "not-base64!"), "--help");
        assertEquals(0, run.status());
        assertEquals(TokenTool.USAGE, run.out());
        assertEquals("", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--bogus",
        "extra",
        "--expires-in",
        "--expires-in 1x",
        "--expires-in 1h --expires-in 2h",
        "--type",
        "--type weird",
        "--type valid --expired",
        "--expired --expired",
        "--expired=yes",
        "--type valid --expires-in -5m",
        "--type invalid --expires-in 0s",
        "--bind",
        "--bind=",
        "--bind a --bind b",
        "--claim",
        "--claim novalue",
        "--claim =x",
        "--claim exp=1",
        "--claim iat=1",
        "--claim pay=x",
        "--claim a=1 --claim a=2",
    })
    void badOptionsPrintUsageOnStderrWithStatus2(String commandLine) {
        run(Map.of(), commandLine.split(" ")).assertUsageError();
    }

    @Test
    void theUsageMentionsEveryOption() {
        for (String option : List.of("--expires-in", "--expired", "--type valid|expired|invalid", "--bind", "--claim",
                "--help")) {
            assertTrue(TokenTool.USAGE.contains(option), option);
        }
    }

    @Test
    void theEnvironmentIsReadOnlyOnceTheOptionsAreValid() {
        Map<String, String> reads = new HashMap<>();
        int status = TokenTool.run(List.of("--bogus"), () -> name -> reads.put(name, "read"), CLOCK,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(TokenTool.USAGE_ERROR, status);
        assertEquals(Map.of(), reads);
        assertThrows(IllegalArgumentException.class, () -> TokenTool.parse(List.of("--bogus")));
    }
}
