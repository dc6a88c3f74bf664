package io.github.approovjaxrs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenPoolTest {

    private static final String OTHER_SECRET =
            Base64.getEncoder().encodeToString("another-secret-another-secret-12".getBytes(StandardCharsets.US_ASCII));

    /** Runs the tool; the lines it printed, or an AssertionError with its error output. */
    private static List<String> tokens(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenPool.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return new ArrayList<>(out.toString(StandardCharsets.US_ASCII).lines().toList());
    }

    private static TestVerifier verifier(String secret) {
        return TestVerifier.create(ApproovConfig.builder().base64Secret(secret).loggingEnabled(false).build());
    }

    @Test
    void printsDistinctValidTokensSignedWithTheDummySecret() {
        List<String> pool = tokens(Map.of(), "--count", "500");
        assertEquals(500, pool.size());
        assertEquals(500, new HashSet<>(pool).size());
        TestVerifier verifier = verifier(ApproovTokens.DUMMY_SECRET_BASE64);
        pool.forEach(token -> assertTrue(verifier.verifyToken(token).isAccepted(), token));
    }

    @Test
    void signsWithTheConfiguredSecretWhenThereIsOne() {
        String token = tokens(Map.of("APPROOV_BASE64_SECRET", OTHER_SECRET)).get(0);
        assertTrue(verifier(OTHER_SECRET).verifyToken(token).isAccepted());
        assertEquals(ApproovFailure.BAD_SIGNATURE,
                verifier(ApproovTokens.DUMMY_SECRET_BASE64).verifyToken(token).failure().orElseThrow());
    }

    @Test
    void badSignatureAndExpiredTokensFailForThatReasonAlone() {
        TestVerifier verifier = verifier(ApproovTokens.DUMMY_SECRET_BASE64);
        for (String token : tokens(Map.of(), "--type", "bad-signature", "--count", "20")) {
            assertEquals(ApproovFailure.BAD_SIGNATURE, verifier.verifyToken(token).failure().orElseThrow());
        }
        for (String token : tokens(Map.of(), "--type", "expired", "--count", "20")) {
            assertEquals(ApproovFailure.EXPIRED, verifier.verifyToken(token).failure().orElseThrow());
        }
    }

    @Test
    void boundTokensPassOnlyWithTheirAuthorizationValue() {
        String token = tokens(Map.of(), "--bind", "Bearer abc").get(0);
        TestVerifier verifier = verifier(ApproovTokens.DUMMY_SECRET_BASE64);
        assertTrue(verifier.verifyToken(token, "Bearer abc").isAccepted());
        assertEquals(ApproovFailure.BINDING_MISMATCH,
                verifier.verifyToken(token, "Bearer abd").failure().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--count 0", "--count many", "--count 1000001", "--type forged", "--expires-in 0",
        "--count", "--colour red"})
    void badOptionsExitWithStatusTwoAndTheUsage(String args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenPool.run(List.of(args.split(" ")), Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage:"), err.toString(StandardCharsets.UTF_8));
    }
}
