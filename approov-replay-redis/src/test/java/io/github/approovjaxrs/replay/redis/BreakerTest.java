package io.github.approovjaxrs.replay.redis;

import static io.github.approovjaxrs.replay.redis.Breaker.Ticket.ASK;
import static io.github.approovjaxrs.replay.redis.Breaker.Ticket.PROBE;
import static io.github.approovjaxrs.replay.redis.Breaker.Ticket.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker on a fake clock: one failure rests Redis, one probe after each pause, doubling pauses, recovery. */
class BreakerTest {

    private final AtomicLong nanos = new AtomicLong(-1_000_000_000L);
    private final Breaker breaker = new Breaker(Duration.ofMillis(100), Duration.ofSeconds(1), nanos::get);

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void closedEveryRequestAsks() {
        for (int i = 0; i < 3; i++) {
            assertEquals(ASK, breaker.ask());
            assertEquals(Breaker.Change.NONE, breaker.succeeded());
        }
        assertFalse(breaker.isOpen());
    }

    @Test
    void aFailureRestsRedisThenOneProbeAsksAndItsSuccessCloses() {
        assertEquals(ASK, breaker.ask());
        assertEquals(Breaker.Change.OPENED, breaker.failed(ASK));
        assertEquals(REFUSED, breaker.ask(), "resting");
        assertEquals(Breaker.Change.NONE, breaker.failed(ASK), "another request that was already waiting");
        advance(99);
        assertEquals(REFUSED, breaker.ask());
        advance(1);
        assertEquals(PROBE, breaker.ask());
        assertEquals(REFUSED, breaker.ask(), "one probe at a time");
        assertEquals(Breaker.Change.CLOSED, breaker.succeeded());
        assertEquals(ASK, breaker.ask());
    }

    @Test
    void eachFailedProbeDoublesThePauseUpToTheMaximum() {
        breaker.failed(ASK);
        long[] pauses = {100, 200, 400, 800, 1000, 1000};
        for (long pause : pauses) {
            advance(pause - 1);
            assertEquals(REFUSED, breaker.ask(), "still resting before " + pause + " ms");
            advance(1);
            assertEquals(PROBE, breaker.ask(), "a probe after " + pause + " ms");
            assertEquals(Breaker.Change.NONE, breaker.failed(PROBE));
        }
        assertTrue(breaker.isOpen());
        advance(1000);
        assertEquals(PROBE, breaker.ask());
        breaker.succeeded();
        breaker.failed(ASK);
        advance(100);
        assertEquals(PROBE, breaker.ask(), "after a recovery the first pause is short again");
    }
}
