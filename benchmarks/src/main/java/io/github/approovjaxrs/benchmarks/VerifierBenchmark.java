package io.github.approovjaxrs.benchmarks;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Approov token check, case by case, beside what it cannot beat: the HMAC floor (HMAC-SHA256 over the
 * received text, base64url, a constant-time compare) and a reused jose4j {@link JwtConsumer} alone. All run
 * in one JMH run, so {@link Main} prints each as a ratio to the floor.
 *
 * <p>The check is the library's public {@link ApproovCheck}, built as an application builds it
 * ({@link ApproovConfig} defaults, so the default token cache of 2,048 entries; logging off, which the load
 * test measures), primed with one accepted token as a running server is, so that the header of a genuine
 * token is already known. Each call decides a request an adapter has just built (an {@link ApproovRequest}
 * reading the header lines through a lookup, as the JAX-RS filter builds one). Every token is a distinct
 * {@link String} from the one the check saw before, as a request's header value always is: a cache hit pays
 * the full comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed, pre-touched heap: the first touch of a page is slow and erratic on virtual machines, and jose4j
// allocates ~100 KB per token, so without this the cases that reach it measure the host's paging.
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class VerifierBenchmark {

    /** Distinct valid tokens per thread for {@link #validFirstSeen}: 32 times the default cache. */
    static final int FRESH_TOKENS = 1 << 16;
    static final String BINDING = "Bearer 0123456789abcdef";
    /** A header that means what Approov's does, spelled otherwise, so no accepted token has made it known. */
    static final String UNSEEN_HEADER_JSON = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";

    private static final URI TARGET = URI.create("http://127.0.0.1:8002/v2/shapes");
    private static final ApproovRequirements TOKEN = ApproovRequirements.token();
    private static final ApproovRequirements BOUND = ApproovRequirements.token().withBinding();

    /** A request as an adapter builds it: the token lines, and the binding lines for {@code Authorization}. */
    static ApproovRequest request(List<String> tokenLines, List<String> bindingLines) {
        return ApproovRequest.builder().method("GET").target(TARGET)
                .headers(name -> name.equalsIgnoreCase("Authorization") ? bindingLines : tokenLines)
                .build();
    }

    /** The shared check, as a server shares one, and the token of each case. */
    @State(Scope.Benchmark)
    public static class Tokens {
        ApproovCheck verifier;
        /** The same configuration without a token cache: what the cache costs a token it has not seen. */
        ApproovCheck verifierWithoutCache;
        String valid;
        List<String> validLines;
        List<String> boundLines;
        List<String> bindingLines;
        List<String> badSignatureLines;
        List<String> unseenHeaderLines;
        List<String> malformedLines;
        List<String> expiredLines;
        String badSignature;

        /** Builds the verifiers, mints one token per case, and has the verifiers accept a genuine token. */
        @Setup
        public void setUp() {
            verifier = ApproovCheck.create(ApproovConfig.builder()
                    .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64)
                    .loggingEnabled(false)
                    .build());
            verifierWithoutCache = ApproovCheck.create(ApproovConfig.builder()
                    .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64)
                    .tokenCacheSize(0)
                    .loggingEnabled(false)
                    .build());
            TokenMinter minter = TokenMinter.withDummySecret(1);
            Instant now = Instant.now();
            Instant later = now.plus(Duration.ofDays(1));
            valid = minter.mint(now, later, null);
            String bound = minter.mint(now, later, BINDING);
            badSignature = minter.forge(now, later);
            // The verifier has accepted these before; the benchmarks pass equal but distinct strings.
            verifier.decide(request(List.of(new String(valid)), List.of()), TOKEN);
            verifier.decide(request(List.of(new String(bound)), List.of(new String(BINDING))), BOUND);
            verifierWithoutCache.decide(request(List.of(new String(valid)), List.of()), TOKEN);

            validLines = List.of(valid);
            boundLines = List.of(bound);
            bindingLines = List.of(BINDING);
            badSignatureLines = List.of(badSignature);
            unseenHeaderLines = List.of(minter.forge(UNSEEN_HEADER_JSON, now, later));
            // Padding after a full-length token: the spelling a lenient decoder accepts, found only at the end.
            malformedLines = List.of(minter.mint(now, later, null) + "=");
            expiredLines = List.of(minter.mint(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), null));
        }
    }

    /**
     * Distinct valid tokens, far more than the verifier's cache holds, taken in turn: each was last seen
     * 65,535 verifications ago, so the direct-mapped cache of 2,048 slots has evicted it (a token survives in
     * its slot with probability (1 − 1/2048)^65535 ≈ e^−32). The verifier therefore does the whole first-seen
     * check, jose4j included, with the cache's real lookup, insert and eviction: the configuration a server
     * runs, not a cache-less one, and inputs that differ as real tokens do (device id, signature).
     */
    @State(Scope.Thread)
    public static class FreshTokens {
        List<List<String>> lines;
        int next;

        /** Mints this thread's ring of distinct valid tokens. */
        @Setup
        public void setUp() {
            // Seeded by thread so that threads never share tokens (each would see the other's as cached).
            TokenMinter minter = TokenMinter.withDummySecret(Thread.currentThread().getId() + 1000);
            Instant now = Instant.now();
            Instant later = now.plus(Duration.ofDays(1));
            lines = new ArrayList<>(FRESH_TOKENS);
            for (int i = 0; i < FRESH_TOKENS; i++) {
                lines.add(List.of(minter.mint(now, later, null)));
            }
        }

        List<String> next() {
            List<String> token = lines.get(next);
            next = (next + 1) & (FRESH_TOKENS - 1);
            return token;
        }
    }

    /**
     * The floor: what any HS256 check must do and nothing more. HMAC-SHA256 over the received
     * {@code header.payload} text with a reused {@link Mac}, the MAC in base64url, a constant-time compare
     * with the received signature. No parsing, no claims, no time.
     */
    @State(Scope.Thread)
    public static class Floor {
        private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
        private Mac mac;
        private final byte[] signingInput = new byte[8192] /* the verifier's own limit */;
        private final byte[] computed = new byte[32];
        private final byte[] received = new byte[43];

        /** A {@link Mac} keyed with the secret, reused as the verifier reuses its own. */
        @Setup
        public void setUp() throws GeneralSecurityException {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64), "HmacSHA256"));
        }

        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): base64url text is ASCII
        boolean signatureMatches(String token) {
            int dot = token.lastIndexOf('.');
            if (dot < 0 || dot > signingInput.length || token.length() - dot - 1 != received.length) {
                return false;
            }
            token.getBytes(0, dot, signingInput, 0);
            mac.update(signingInput, 0, dot);
            try {
                mac.doFinal(computed, 0);
            } catch (ShortBufferException impossible) {
                throw new IllegalStateException(impossible);
            }
            token.getBytes(dot + 1, token.length(), received, 0);
            return MessageDigest.isEqual(BASE64URL.encode(computed), received);
        }
    }

    /** jose4j as a user of it would configure it for Approov tokens, built once and reused. */
    @State(Scope.Benchmark)
    public static class Jose4j {
        JwtConsumer consumer;

        /** Builds the consumer once, as jose4j recommends. */
        @Setup
        public void setUp() {
            consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setVerificationKey(new HmacKey(Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64)))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.HMAC_SHA256)
                    .build();
        }
    }

    /** The floor, on a valid token. */
    @Benchmark
    public boolean hmacFloor(Floor floor, Tokens tokens) {
        return floor.signatureMatches(tokens.valid);
    }

    /**
     * A reused jose4j consumer alone, on the same distinct valid tokens as {@link #validFirstSeen}, so that
     * both read tokens from memory alike: the reference of the first-seen target.
     */
    @Benchmark
    public JwtContext jose4jConsumer(Jose4j jose4j, FreshTokens fresh) throws InvalidJwtException {
        return jose4j.consumer.process(fresh.next().get(0));
    }

    /** The same consumer refusing a forged signature: its exception path, for comparison. */
    @Benchmark
    public Object jose4jConsumerBadSignature(Jose4j jose4j, Tokens tokens) {
        try {
            return jose4j.consumer.process(tokens.badSignature);
        } catch (InvalidJwtException refused) {
            return refused;
        }
    }

    /** A valid token the verifier has not seen (or has evicted): strict checks, then jose4j, then the cache. */
    @Benchmark
    public ApproovDecision validFirstSeen(Tokens tokens, FreshTokens fresh) {
        return tokens.verifier.decide(request(fresh.next(), List.of()), TOKEN);
    }

    /** {@link #validFirstSeen} without a cache: the strict checks and jose4j alone, no insert or eviction. */
    @Benchmark
    public ApproovDecision validFirstSeenWithoutCache(Tokens tokens, FreshTokens fresh) {
        return tokens.verifierWithoutCache.decide(request(fresh.next(), List.of()), TOKEN);
    }

    /** A valid token the verifier accepted before: the common case, an app reuses its token for minutes. */
    @Benchmark
    public ApproovDecision validSeenBefore(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.validLines, List.of()), TOKEN);
    }

    /** A valid token seen before, bound to the {@code Authorization} value that comes with it. */
    @Benchmark
    public ApproovDecision validBoundSeenBefore(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.boundLines, tokens.bindingLines), BOUND);
    }

    /** Genuine header and claims, signature by another key: refused by the HMAC, before jose4j. */
    @Benchmark
    public ApproovDecision badSignature(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.badSignatureLines, List.of()), TOKEN);
    }

    /** A forged signature under a header no accepted token had, so the header is parsed: the forger's worst. */
    @Benchmark
    public ApproovDecision badSignatureUnseenHeader(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.unseenHeaderLines, List.of()), TOKEN);
    }

    /** A full-length token with padding at its very end: the whole text is scanned before it is refused. */
    @Benchmark
    public ApproovDecision malformed(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.malformedLines, List.of()), TOKEN);
    }

    /** A genuine token past its {@code exp}: signature and claims are checked, then the time refuses it. */
    @Benchmark
    public ApproovDecision expired(Tokens tokens) {
        return tokens.verifier.decide(request(tokens.expiredLines, List.of()), TOKEN);
    }
}
