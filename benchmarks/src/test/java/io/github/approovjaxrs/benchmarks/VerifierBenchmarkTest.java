package io.github.approovjaxrs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFailure;
import io.github.approovjaxrs.ApproovVerdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each benchmark measures the path its name says: a benchmark of the wrong path would still print a number. */
class VerifierBenchmarkTest {

    private static final VerifierBenchmark BENCHMARK = new VerifierBenchmark();
    private static final VerifierBenchmark.Tokens TOKENS = new VerifierBenchmark.Tokens();
    private static final VerifierBenchmark.FreshTokens FRESH = new VerifierBenchmark.FreshTokens();
    private static final VerifierBenchmark.Floor FLOOR = new VerifierBenchmark.Floor();
    private static final VerifierBenchmark.Jose4j JOSE4J = new VerifierBenchmark.Jose4j();

    @BeforeAll
    static void setUp() throws Exception {
        TOKENS.setUp();
        FRESH.setUp();
        FLOOR.setUp();
        JOSE4J.setUp();
    }

    private static ApproovFailure failure(ApproovVerdict verdict) {
        return verdict.failure().orElseThrow(() -> new AssertionError("accepted"));
    }

    @Test
    void theFloorAcceptsTheValidTokenAndRefusesTheForgedOne() {
        assertTrue(BENCHMARK.hmacFloor(FLOOR, TOKENS));
        assertFalse(FLOOR.signatureMatches(TOKENS.badSignature));
    }

    @Test
    void freshTokensAreDistinctAndFarMoreThanTheCacheHolds() {
        Set<String> distinct = new HashSet<>();
        for (List<String> lines : FRESH.lines) {
            distinct.add(lines.get(0));
        }
        assertEquals(VerifierBenchmark.FRESH_TOKENS, distinct.size());
        assertTrue(VerifierBenchmark.FRESH_TOKENS >= 16 * TOKENS.verifier.config().tokenCacheSize(),
                "the ring must be much larger than the default cache");
    }

    @Test
    void firstSeenTokensAreAcceptedAndNeverServedFromTheCache() {
        // A cached verdict is the very object returned before; a fresh check builds a new one.
        List<String> first = FRESH.lines.get(0);
        ApproovVerdict verdict = TOKENS.verifier.verify(first);
        assertTrue(verdict.isAccepted());
        for (int i = 0; i < VerifierBenchmark.FRESH_TOKENS; i++) {
            assertTrue(BENCHMARK.validFirstSeen(TOKENS, FRESH).isAccepted());
        }
        assertTrue(BENCHMARK.validFirstSeenWithoutCache(TOKENS, FRESH).isAccepted());
        // Back at the first token after a whole turn of the ring: evicted long ago, so checked afresh.
        FRESH.next = 0;
        ApproovVerdict again = BENCHMARK.validFirstSeen(TOKENS, FRESH);
        assertTrue(again.isAccepted());
        assertTrue(again != verdict, "a first-seen token must not be a cache hit");
    }

    @Test
    void seenBeforeTokensComeFromTheCache() {
        ApproovVerdict once = BENCHMARK.validSeenBefore(TOKENS);
        assertTrue(once.isAccepted());
        assertSame(once, BENCHMARK.validSeenBefore(TOKENS));
        ApproovVerdict bound = BENCHMARK.validBoundSeenBefore(TOKENS);
        assertTrue(bound.isAccepted());
        assertSame(bound, BENCHMARK.validBoundSeenBefore(TOKENS));
    }

    @Test
    void eachRejectionIsTheOneItsBenchmarkIsNamedAfter() {
        assertEquals(ApproovFailure.BAD_SIGNATURE, failure(BENCHMARK.badSignature(TOKENS)));
        assertEquals(ApproovFailure.BAD_SIGNATURE, failure(BENCHMARK.badSignatureUnseenHeader(TOKENS)));
        assertEquals(ApproovFailure.MALFORMED_TOKEN, failure(BENCHMARK.malformed(TOKENS)));
        assertEquals(ApproovFailure.EXPIRED, failure(BENCHMARK.expired(TOKENS)));
    }

    @Test
    void jose4jAcceptsTheFreshTokensAndRefusesTheForgedOne() throws InvalidJwtException {
        assertNotNull(BENCHMARK.jose4jConsumer(JOSE4J, FRESH).getJwtClaims());
        assertInstanceOf(InvalidJwtException.class, BENCHMARK.jose4jConsumerBadSignature(JOSE4J, TOKENS));
    }
}
