package io.github.approovjaxrs.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.replay.redis.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * The single-use benchmarks measure what their names say: each request of the pool a first use, again and again
 * (its entry gone by the time the pool comes round), in memory and in a real Redis; the replay a refusal as
 * replayed; and a run whose decisions were not those fails at its end rather than print a figure.
 */
class SingleUseBenchmarkTest {

    private static final SingleUseBenchmark BENCHMARK = new SingleUseBenchmark();

    /** The pool twice over, then a little: every request of the second round was accepted before. */
    private static final int ROUNDS = 2 * SingleUseBenchmark.POOL + 10;

    @Test
    void inMemoryEveryRequestOfThePoolIsAFirstUseEachTimeRoundAndTheReplayIsRefused() {
        SingleUseBenchmark.InMemory state = new SingleUseBenchmark.InMemory();
        state.setUp();
        try {
            for (int i = 0; i < ROUNDS; i++) {
                ApproovDecision.Accepted accepted = assertInstanceOf(ApproovDecision.Accepted.class,
                        BENCHMARK.singleUseGetInMemory(state), "request " + i);
                assertTrue(accepted.claims().isMessageSigned());
                if (i == SingleUseBenchmark.POOL - 1) {
                    RedisServer.sleep(2); // the pool's entries live 1 ms: on a fast machine, a round may take less
                }
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, assertInstanceOf(ApproovDecision.Refused.class,
                        BENCHMARK.singleUseReplayInMemory(state)).reason());
            }
        } finally {
            state.tearDown();
        }
    }

    @Test
    void inRedisEveryRequestOfThePoolIsAFirstUseEachTimeRound() {
        SingleUseBenchmark.InRedis state = new SingleUseBenchmark.InRedis();
        state.setUp();
        try {
            assertTrue(state.check.describe().contains("single-use signatures remembered in Redis at redis://127.0.0.1:"),
                    state.check.describe());
            for (int i = 0; i < ROUNDS; i++) {
                assertInstanceOf(ApproovDecision.Accepted.class, BENCHMARK.singleUseGetRedis(state), "request " + i);
                if (i == SingleUseBenchmark.POOL - 1) {
                    RedisServer.sleep(2);
                }
            }
        } finally {
            state.tearDown();
        }
    }

    @Test
    void aRunWhoseDecisionsWereNotTheMeasuredOnesFailsAtItsEnd() {
        SingleUseBenchmark.InMemory state = new SingleUseBenchmark.InMemory();
        state.setUp();
        // A first use where the replay benchmark expects a replay: request 0 is the replay check's only entry, so
        // the replay benchmark's tally is given the first use of another check.
        state.replays.replayed(state.check.decide(state.pool.request(5), SingleUseBenchmark.SINGLE_USE));
        IllegalStateException failed = assertThrows(IllegalStateException.class, state::tearDown);
        assertTrue(failed.getMessage().startsWith("decisions that were not replays (refused as replayed_message_signature): 1,"),
                failed.getMessage());
    }
}
