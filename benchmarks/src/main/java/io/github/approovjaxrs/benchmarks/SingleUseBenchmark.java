package io.github.approovjaxrs.benchmarks;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.replay.redis.RedisReplayStore;
import io.github.approovjaxrs.replay.redis.RedisServer;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-use signed requests (issue 18): a signed GET on an endpoint that accepts it once
 * ({@link ApproovRequirements#withSingleUseMessageSignature()}), its key recorded in the in-memory store or in a
 * real Redis, to set beside {@link SignedRequestBenchmark#signedGet} (the same request on a plain signed
 * endpoint, measured in the same run); and a replay, refused.
 *
 * <p>Every accepted request must be a first use, so a benchmark cannot send one request over and over. The
 * requests come from a pool of {@value #POOL} GETs, each to its own URL, signed as Approov's SDK signs them (15 s
 * from {@code created}); the checks' clocks are fixed one millisecond before those signatures stop being
 * accepted ({@code expires} + the tolerance), so each entry is recorded with a time to live of 1 ms and has
 * expired when the pool comes round to its request again. The work per request is a real first use: the
 * signature verified, its key digested, the entry added (in memory: looked up, reserved, put, and swept with the
 * expired ones once a second; in Redis: one {@code SET NX PX} over loopback). What differs from a server is the
 * number of live entries: a few thousand here rather than 75 seconds' worth.
 *
 * <p>The Redis store talks to a {@code redis-server} that the benchmark starts on a free loopback port
 * (approov-replay-redis's test launcher; Debian's {@code redis-server} package), with a 1 s timeout, so that a
 * pause of the machine does not turn a first use into a refusal. A state counts the decisions that were not
 * what its benchmark measures and fails the run at its end if there was one, so a figure is never that of a
 * refusal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class SingleUseBenchmark {

    static final int POOL = 1024;
    static final ApproovRequirements SINGLE_USE = ApproovRequirements.token().withSingleUseMessageSignature();
    static final String TARGET = "https://api.example.com/v5/orders?n=";

    /** {@value #POOL} signed GETs of one token, each to its own URL, and the instant their signatures end. */
    static final class SignedPool {
        final String token;
        final String[] targets = new String[POOL];
        final String[] inputs = new String[POOL];
        final String[] signatures = new String[POOL];
        /** One millisecond before the signatures stop being accepted: the first uses' checks' fixed clock. */
        final Clock lastMillisecond;
        /** When the signatures were made: entries then live for the whole window (75 s), as on a server. */
        final Clock signingTime;
        private final AtomicInteger next = new AtomicInteger();

        SignedPool() {
            Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AppInstallation installation = AppInstallation.create();
            token = TokenMinter.withDummySecret(18).mintWithInstallationKey(created, created.plus(Duration.ofDays(1)),
                    installation.publicKey());
            for (int i = 0; i < POOL; i++) {
                targets[i] = TARGET + i;
                MessageSignature signed = installation.request("GET", URI.create(targets[i]))
                        .header("Approov-Token", token).created(created).lifetime(Duration.ofSeconds(15)).sign();
                inputs[i] = signed.signatureInput();
                signatures[i] = signed.signature();
            }
            Duration tolerance = config(Clock.systemUTC()).signatureTolerance();
            lastMillisecond = Clock.fixed(created.plusSeconds(15).plus(tolerance).minusMillis(1), ZoneOffset.UTC);
            signingTime = Clock.fixed(created, ZoneOffset.UTC);
        }

        /** The next request of the pool, round and round; its header values fresh copies, as a request's are. */
        ApproovRequest next() {
            return request(Math.floorMod(next.getAndIncrement(), POOL));
        }

        ApproovRequest request(int i) {
            return ApproovRequest.builder().method("GET").target(URI.create(targets[i]))
                    .header("Approov-Token", new String(token))
                    .header("Signature-Input", inputs[i])
                    .header("Signature", signatures[i])
                    .build();
        }

        /**
         * A check of {@code clock} that remembers single-use requests in {@code store}, or (null) in the store of
         * its configuration: in memory, with the default bound.
         */
        ApproovCheck check(Clock clock, ReplayStore store) {
            ApproovCheck.Builder builder = ApproovCheck.builder(config(clock));
            ApproovCheck check = (store == null ? builder : builder.replayStore(store)).build();
            // Accepted once, as by a running server, so that the token is in the cache as in signedGet.
            require(check.decide(request(0), ApproovRequirements.token().withMessageSignature()));
            return check;
        }

        private static ApproovConfig config(Clock clock) {
            return ApproovConfig.builder().base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false)
                    .clock(clock).build();
        }

        private static void require(ApproovDecision decision) {
            if (!(decision instanceof ApproovDecision.Accepted accepted && accepted.claims().isMessageSigned())) {
                throw new IllegalStateException("the benchmark's signed request was not accepted as signed: " + decision);
            }
        }
    }

    /** Counts the decisions that were not what a benchmark measures; the run fails at its end if there was one. */
    static final class Tally {
        private final String expected;
        private final AtomicLong unexpected = new AtomicLong();
        private volatile ApproovDecision example;

        Tally(String expected) {
            this.expected = expected;
        }

        ApproovDecision accepted(ApproovDecision decision) {
            if (!(decision instanceof ApproovDecision.Accepted)) {
                miss(decision);
            }
            return decision;
        }

        ApproovDecision replayed(ApproovDecision decision) {
            if (!(decision instanceof ApproovDecision.Refused refused
                    && refused.reason() == ApproovFailure.REPLAYED_MESSAGE_SIGNATURE)) {
                miss(decision);
            }
            return decision;
        }

        private void miss(ApproovDecision decision) {
            unexpected.incrementAndGet();
            example = decision;
        }

        void verify() {
            if (unexpected.get() > 0) {
                throw new IllegalStateException("decisions that were not " + expected + ": " + unexpected.get()
                        + ", e.g. " + example + "; the figure would not be the one its name says");
            }
        }
    }

    /**
     * The pool, and checks remembering in memory (the default store, with its default bound): one at the edge of
     * the window for first uses, one at the signing time for the replay, whose entry must outlive the run.
     */
    @State(Scope.Benchmark)
    public static class InMemory {
        SignedPool pool;
        ApproovCheck check;
        ApproovCheck replayCheck;
        final Tally firstUses = new Tally("first uses (accepted)");
        final Tally replays = new Tally("replays (refused as replayed_message_signature)");

        /** Signs the pool, builds both checks, and uses the replay benchmark's request once. */
        @Setup
        public void setUp() {
            pool = new SignedPool();
            check = pool.check(pool.lastMillisecond, null);
            replayCheck = pool.check(pool.signingTime, null);
            // The replay benchmark sends this request again and again: its first use is now.
            firstUses.accepted(replayCheck.decide(pool.request(0), SINGLE_USE));
        }

        /** Closes the checks, then fails the run if a decision was not the one measured. */
        @TearDown
        public void tearDown() {
            check.close();
            replayCheck.close();
            firstUses.verify();
            replays.verify();
        }
    }

    /** The pool, a redis-server of its own, and a check remembering in it. */
    @State(Scope.Benchmark)
    public static class InRedis {
        SignedPool pool;
        RedisServer redis;
        RedisReplayStore store;
        ApproovCheck check;
        final Tally firstUses = new Tally("first uses (accepted)");

        /** Signs the pool, starts redis-server, and waits until the store's connection answers. */
        @Setup
        public void setUp() {
            pool = new SignedPool();
            redis = RedisServer.start();
            store = RedisReplayStore.open(redis.url(), Duration.ofSeconds(1));
            check = pool.check(pool.lastMillisecond, store);
            // The connection is opened in the background: the run starts once Redis answers.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            byte[] probe = new byte[32];
            while (store.firstUse(probe, Duration.ofMillis(1)) == ReplayStore.Outcome.UNAVAILABLE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Redis at " + store.describe() + " did not answer within 10 s");
                }
                RedisServer.sleep(20);
                probe[0]++;
            }
        }

        /** Closes the check and the store, stops redis-server, then fails the run if a first use was refused. */
        @TearDown
        public void tearDown() {
            check.close();
            store.close();
            redis.close();
            firstUses.verify();
        }
    }

    /** A signed GET accepted once, remembered in memory (each request of the pool a first use). */
    @Benchmark
    public ApproovDecision singleUseGetInMemory(InMemory state) {
        return state.firstUses.accepted(state.check.decide(state.pool.next(), SINGLE_USE));
    }

    /** The same, remembered in a real Redis over loopback: one {@code SET NX PX} per request. */
    @Benchmark
    public ApproovDecision singleUseGetRedis(InRedis state) {
        return state.firstUses.accepted(state.check.decide(state.pool.next(), SINGLE_USE));
    }

    /** A replay, refused: the same signed GET again, its signature verified and its entry found in memory. */
    @Benchmark
    public ApproovDecision singleUseReplayInMemory(InMemory state) {
        return state.replays.replayed(state.replayCheck.decide(state.pool.request(0), SINGLE_USE));
    }
}
