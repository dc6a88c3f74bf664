package io.github.approovjaxrs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.TestVerifier.Verdict;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequirements;
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

    private static ApproovFailure failure(ApproovDecision decision) {
        return new Verdict(decision).failure().orElseThrow(() -> new AssertionError("accepted"));
    }

    /** The claims of an accepted decision: the same object when the token came from the cache. */
    private static Object claims(ApproovDecision decision) {
        return new Verdict(decision).claims().orElseThrow(() -> new AssertionError("refused: " + decision));
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
        // Cached claims are the very object returned before; a fresh check builds new ones.
        List<String> first = FRESH.lines.get(0);
        Object claims = claims(TOKENS.verifier.decide(VerifierBenchmark.request(first, List.of()),
                ApproovRequirements.token()));
        for (int i = 0; i < VerifierBenchmark.FRESH_TOKENS; i++) {
            claims(BENCHMARK.validFirstSeen(TOKENS, FRESH));
        }
        claims(BENCHMARK.validFirstSeenWithoutCache(TOKENS, FRESH));
        // Back at the first token after a whole turn of the ring: evicted long ago, so checked afresh.
        FRESH.next = 0;
        Object again = claims(BENCHMARK.validFirstSeen(TOKENS, FRESH));
        assertTrue(again != claims, "a first-seen token must not be a cache hit");
    }

    @Test
    void seenBeforeTokensComeFromTheCache() {
        assertSame(claims(BENCHMARK.validSeenBefore(TOKENS)), claims(BENCHMARK.validSeenBefore(TOKENS)));
        assertSame(claims(BENCHMARK.validBoundSeenBefore(TOKENS)), claims(BENCHMARK.validBoundSeenBefore(TOKENS)));
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
