package io.github.approovjaxrs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.TestVerifier.Verdict;
import io.github.approovjaxrs.core.ApproovDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message-signing benchmarks verify real signatures: a benchmark of a refusal would still print a number. */
class SignedRequestBenchmarkTest {

    private static final SignedRequestBenchmark BENCHMARK = new SignedRequestBenchmark();
    private static final SignedRequestBenchmark.Requests REQUESTS = new SignedRequestBenchmark.Requests();

    @BeforeAll
    static void setUp() throws Exception {
        REQUESTS.setUp();
    }

    private static void assertSigned(ApproovDecision decision) {
        Verdict verdict = new Verdict(decision);
        assertEquals(Optional.empty(), verdict.failure());
        assertTrue(verdict.claims().orElseThrow().isMessageSigned());
    }

    @Test
    void eachSignedCaseIsAcceptedAsSigned() {
        assertSigned(BENCHMARK.signedGet(REQUESTS));
        assertSigned(BENCHMARK.signedPost(REQUESTS));
        assertSigned(BENCHMARK.signedGetTokenNotCached(REQUESTS));
    }

    @Test
    void theAccountCasesVerifyTheAccountSignatureAndReallyCoverTheRequest() {
        for (ApproovDecision decision : List.of(BENCHMARK.accountSignedGet(REQUESTS), BENCHMARK.accountSignedPost(REQUESTS))) {
            assertSigned(decision);
            assertEquals(java.util.Set.of("account"), new Verdict(decision).claims().orElseThrow().verifiedMessageSignatures());
        }
        assertFalse(new Verdict(BENCHMARK.accountTokenAlone(REQUESTS)).claims().orElseThrow().isMessageSigned());
        ApproovRequest otherMethod = ApproovRequest.builder().method("DELETE").target(SignedRequestBenchmark.TARGET)
                .header("Approov-Token", REQUESTS.accountToken)
                .header("Signature-Input", REQUESTS.accountGetSignatureInput)
                .header("Signature", REQUESTS.accountGetSignature)
                .build();
        assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE),
                new Verdict(REQUESTS.accountVerifier.decide(otherMethod, SignedRequestBenchmark.SIGNED)).failure());
        assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE), new Verdict(REQUESTS.accountVerifier
                .decide(REQUESTS.accountTokenOnly(), SignedRequestBenchmark.SIGNED)).failure());
    }

    @Test
    void bothRawEnginesVerifyTheGetsSignature() throws Exception {
        assertTrue(BENCHMARK.ecdsaVerifyJdk(REQUESTS));
        assertTrue(BENCHMARK.ecdsaVerifyBouncyCastle(REQUESTS));
    }

    @Test
    void theReferencesCheckTheSameTokenAloneCachedAndNot() {
        Verdict cached = new Verdict(BENCHMARK.signedTokenAlone(REQUESTS));
        assertSame(cached.claims().orElseThrow(), new Verdict(BENCHMARK.signedTokenAlone(REQUESTS)).claims().orElseThrow(),
                "a cache hit returns the stored claims");
        assertFalse(cached.claims().orElseThrow().isMessageSigned());
        Verdict fresh = new Verdict(BENCHMARK.signedTokenAloneNotCached(REQUESTS));
        assertTrue(fresh.isAccepted());
        assertNotSame(fresh.claims().orElseThrow(),
                new Verdict(BENCHMARK.signedTokenAloneNotCached(REQUESTS)).claims().orElseThrow(),
                "without a cache every check is new");
    }

    @Test
    void theSignaturesReallyCoverTheRequest() {
        // The same signature on another method, or the POST's with another body, must fail: the benchmark
        // verifies signatures over the request, not a constant.
        ApproovRequest otherMethod = ApproovRequest.builder().method("DELETE").target(SignedRequestBenchmark.TARGET)
                .header("Approov-Token", REQUESTS.token)
                .header("Signature-Input", REQUESTS.getSignatureInput)
                .header("Signature", REQUESTS.getSignature)
                .build();
        assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), new Verdict(REQUESTS.verifier.decide(otherMethod, SignedRequestBenchmark.SIGNED)).failure());
        ApproovRequest otherBody = ApproovRequest.builder().method("POST").target(SignedRequestBenchmark.TARGET)
                .header("Approov-Token", REQUESTS.token)
                .header("Content-Type", "application/json")
                .header("Content-Digest", REQUESTS.contentDigest)
                .header("Signature-Input", REQUESTS.postSignatureInput)
                .header("Signature", REQUESTS.postSignature)
                .body(new byte[REQUESTS.body.length])
                .build();
        assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), new Verdict(REQUESTS.verifier.decide(otherBody, SignedRequestBenchmark.SIGNED)).failure());
    }
}
