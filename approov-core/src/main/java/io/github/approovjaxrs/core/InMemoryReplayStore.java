package io.github.approovjaxrs.core;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * {@link ReplayStore#inMemory(int)}: the single-use requests one server accepted, by key digest, each with the
 * moment (on the monotonic clock, so a change of the wall clock neither keeps nor drops an entry) after which
 * its signature could no longer be accepted.
 *
 * <p>Bounded: at most {@code maxEntries} entries, reserved before one is added, so concurrent requests never
 * overshoot. Expired entries are dropped by a sweep that requests run at most once a second, or at once when
 * the store is full and an entry may have expired ({@link #earliestDeadline} says whether one can have): no
 * thread of its own. When every entry is live and there is no room, a new key is {@link Outcome#UNAVAILABLE},
 * never an entry forgotten before its deadline. A key seen again after its deadline is a first use: the
 * signature it came from is no longer accepted anyway.
 */
final class InMemoryReplayStore implements ReplayStore {

    static final int MAX_ENTRIES = 10_000_000;
    private static final System.Logger LOG = System.getLogger(InMemoryReplayStore.class.getPackageName());
    private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long NONE = Long.MIN_VALUE;
    /** What a {@code compute} did with a key: added it, replaced its expired entry, or found it live. */
    private static final int ADDED = 0;
    private static final int REPLACED = 1;
    private static final int LIVE = 2;

    /** A 32-byte digest as four longs: compact, and equal by value. */
    private record Key(long a, long b, long c, long d) {
        static Key of(byte[] digest) {
            ByteBuffer bytes = ByteBuffer.wrap(digest);
            return new Key(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
        }
    }

    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Key, Long> deadlines = new ConcurrentHashMap<>();
    /** Entries in the map plus reservations for entries being added; never above {@link #maxEntries}. */
    private final AtomicInteger entries = new AtomicInteger();
    /**
     * No entry expires before this (monotonic nanoseconds; {@link #NONE} when unknown): while it is ahead, a
     * sweep could drop nothing. An entry added during a sweep may be missed by it, which can only make the
     * store refuse longer (until the next periodic sweep), never forget early.
     */
    private final AtomicLong earliestDeadline = new AtomicLong(NONE);
    private final ReentrantLock sweeping = new ReentrantLock();
    private final AtomicBoolean fullReported = new AtomicBoolean();
    private volatile long nextSweep;

    InMemoryReplayStore(int maxEntries, LongSupplier nanoTime) {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException("maxEntries must be between 1 and " + MAX_ENTRIES + "; got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.nextSweep = nanoTime.getAsLong() + SWEEP_INTERVAL_NANOS;
    }

    @Override
    public Outcome firstUse(byte[] digest, Duration ttl) {
        Key key = Key.of(digest);
        long now = nanoTime.getAsLong();
        long deadline = now + Math.max(1, ttl.toNanos());
        if (now - nextSweep >= 0) {
            sweep(now, false);
        }
        Long existing = deadlines.get(key);
        if (existing != null && existing - now > 0) {
            return Outcome.REPLAYED;
        }
        if (!reserve(now)) {
            if (fullReported.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Approov replay store (in memory) is full of live entries ("
                        + maxEntries + "): single-use requests are refused with 503 until entries expire; raise"
                        + " APPROOV_REPLAY_STORE_MAX_ENTRIES, or share a Redis (APPROOV_REPLAY_STORE_URL)");
            }
            return Outcome.UNAVAILABLE;
        }
        int[] outcome = new int[1];
        deadlines.compute(key, (k, current) -> {
            if (current == null) {
                outcome[0] = ADDED;
                return deadline;
            }
            if (current - now <= 0) {
                outcome[0] = REPLACED;
                return deadline;
            }
            outcome[0] = LIVE;
            return current;
        });
        if (outcome[0] != ADDED) {
            entries.decrementAndGet(); // no entry added: the reservation is given back
        }
        if (outcome[0] == LIVE) {
            return Outcome.REPLAYED; // a concurrent first use of the same key won
        }
        earliestDeadline.accumulateAndGet(deadline, (earliest, added) ->
                earliest == NONE || added - earliest < 0 ? added : earliest);
        return Outcome.FIRST_USE;
    }

    /** Room for one more entry; when full, a sweep first if an entry can have expired. */
    private boolean reserve(long now) {
        while (true) {
            int current = entries.get();
            if (current < maxEntries) {
                if (entries.compareAndSet(current, current + 1)) {
                    if (fullReported.get()) {
                        fullReported.set(false);
                    }
                    return true;
                }
                continue;
            }
            long earliest = earliestDeadline.get();
            if (earliest == NONE || earliest - now > 0 || !sweep(now, true)) {
                return false;
            }
        }
    }

    /**
     * Drops every expired entry; true when it dropped any. One sweep at a time: a request that finds one
     * running goes on without waiting (or, when {@code full}, waits for it, since it needs its result).
     */
    private boolean sweep(long now, boolean full) {
        if (full) {
            sweeping.lock();
        } else if (!sweeping.tryLock()) {
            return false;
        }
        try {
            nextSweep = now + SWEEP_INTERVAL_NANOS;
            long earliest = NONE;
            boolean dropped = false;
            for (Iterator<Map.Entry<Key, Long>> it = deadlines.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Long> entry = it.next();
                long deadline = entry.getValue();
                if (deadline - now <= 0) {
                    if (deadlines.remove(entry.getKey(), entry.getValue())) {
                        entries.decrementAndGet();
                        dropped = true;
                    }
                } else if (earliest == NONE || deadline - earliest < 0) {
                    earliest = deadline;
                }
            }
            earliestDeadline.set(earliest);
            return dropped;
        } finally {
            sweeping.unlock();
        }
    }

    /** Entries held now, live or not yet swept: for tests. */
    int size() {
        return deadlines.size();
    }

    @Override
    public String describe() {
        return "in memory (at most " + maxEntries + " entries)";
    }
}
