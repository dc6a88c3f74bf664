package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ReplayStore.Outcome.FIRST_USE;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.REPLAYED;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-memory replay store: a key is a first use once, then a replay until its time is up; bounded in
 * entries (and so in memory), it drops expired entries and, full of live ones, answers {@code UNAVAILABLE}
 * rather than forget one early. Time is a fake monotonic clock.
 */
class InMemoryReplayStoreTest {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // System.nanoTime() may be negative
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private InMemoryReplayStore store(int maxEntries) {
        return new InMemoryReplayStore(maxEntries, nanos::get);
    }

    private void advance(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    static byte[] key(long n) {
        return ByteBuffer.allocate(32).putLong(n).putLong(~n).putLong(n * 31).putLong(7).array();
    }

    @Test
    void aKeyIsAFirstUseOnceThenAReplayUntilItsTimeIsUp() {
        InMemoryReplayStore store = store(10);
        assertEquals(FIRST_USE, store.firstUse(key(1), MINUTE));
        assertEquals(REPLAYED, store.firstUse(key(1), MINUTE));
        assertEquals(REPLAYED, store.firstUse(key(1).clone(), Duration.ofHours(1)), "equal by value, not by array");
        assertEquals(FIRST_USE, store.firstUse(key(2), MINUTE));
        advance(MINUTE.minusNanos(1));
        assertEquals(REPLAYED, store.firstUse(key(1), MINUTE), "live until the last nanosecond of its time");
        advance(Duration.ofNanos(1));
        assertEquals(FIRST_USE, store.firstUse(key(1), MINUTE), "expired: the signature is no longer accepted anyway");
        assertEquals(REPLAYED, store.firstUse(key(1), MINUTE));
    }

    @Test
    void fullOfLiveEntriesItRefusesNewKeysAndNeverForgetsAnEntryEarly() {
        InMemoryReplayStore store = store(3);
        for (long n = 1; n <= 3; n++) {
            assertEquals(FIRST_USE, store.firstUse(key(n), Duration.ofSeconds(10 * n)));
        }
        assertEquals(UNAVAILABLE, store.firstUse(key(4), MINUTE));
        for (long n = 1; n <= 3; n++) {
            assertEquals(REPLAYED, store.firstUse(key(n), MINUTE), "key " + n + " is still remembered");
        }
        advance(Duration.ofSeconds(10));
        assertEquals(FIRST_USE, store.firstUse(key(4), MINUTE), "the first entry expired: its room is free");
        assertEquals(UNAVAILABLE, store.firstUse(key(5), MINUTE));
        assertEquals(REPLAYED, store.firstUse(key(2), MINUTE));
        assertEquals(3, store.size());
    }

    @Test
    void expiredEntriesAreDroppedWithoutTheStoreBeingFull() {
        InMemoryReplayStore store = store(1000);
        for (long n = 0; n < 100; n++) {
            store.firstUse(key(n), Duration.ofSeconds(5));
        }
        store.firstUse(key(1000), Duration.ofHours(1));
        assertEquals(101, store.size());
        advance(Duration.ofSeconds(6));
        store.firstUse(key(2000), MINUTE); // a request after the sweep interval sweeps
        assertEquals(2, store.size());
        assertEquals(REPLAYED, store.firstUse(key(1000), MINUTE));
    }

    @Test
    void ofConcurrentFirstUsesOfOneKeyExactlyOneWins() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(1000, System::nanoTime);
        Map<ReplayStore.Outcome, Integer> outcomes = race(64, i -> store.firstUse(key(42), MINUTE));
        assertEquals(Map.of(FIRST_USE, 1, REPLAYED, 63), outcomes);
        assertEquals(1, store.size());
    }

    @Test
    void concurrentFirstUsesOfDistinctKeysNeverOvershootTheBound() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(50, System::nanoTime);
        Map<ReplayStore.Outcome, Integer> outcomes = race(200, i -> store.firstUse(key(i), MINUTE));
        assertEquals(Map.of(FIRST_USE, 50, UNAVAILABLE, 150), outcomes);
        assertEquals(50, store.size());
    }

    @Test
    void theBoundIsBetweenOneAndTenMillionEntries() {
        assertThrows(IllegalArgumentException.class, () -> ReplayStore.inMemory(0));
        assertThrows(IllegalArgumentException.class, () -> ReplayStore.inMemory(10_000_001));
        assertEquals("in memory (at most 10000000 entries)", ReplayStore.inMemory(10_000_000).describe());
    }

    @FunctionalInterface
    interface Use {
        ReplayStore.Outcome apply(int index);
    }

    /** {@code threads} uses started together; how many got each outcome. */
    private static Map<ReplayStore.Outcome, Integer> race(int threads, Use use) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, 16));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ReplayStore.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<ReplayStore.Outcome> task = () -> {
                    start.await();
                    return use.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            Map<ReplayStore.Outcome, Integer> counts = new EnumMap<>(ReplayStore.Outcome.class);
            for (Future<ReplayStore.Outcome> future : futures) {
                counts.merge(future.get(), 1, Integer::sum);
            }
            assertTrue(counts.values().stream().mapToInt(Integer::intValue).sum() == threads);
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
