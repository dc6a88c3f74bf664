package io.github.approovjaxrs.core;

import java.time.Duration;

/**
 * Where {@link ApproovCheck} remembers the single-use signed requests it accepted
 * ({@link ApproovRequirements#withSingleUseMessageSignature()}), so that the same one is refused the second time.
 * The default is {@link #inMemory(int)}, for one server; a fleet shares one store, such as Redis (module
 * {@code approov-replay-redis}, chosen by {@code APPROOV_REPLAY_STORE_URL=redis://...}).
 *
 * <p>A key is a SHA-256 digest of the verifying key and the whole signature base: never a token, a signature or
 * anything a client sent, so a store holds nothing a log or a dump could leak. An implementation must be
 * thread-safe, record a key atomically (of two concurrent first uses of one key, exactly one is
 * {@link Outcome#FIRST_USE}), keep a key at least as long as asked, answer within a bounded time on the
 * request thread, and answer {@link Outcome#UNAVAILABLE} whenever it cannot be sure: the check then refuses the
 * request with {@code 503} (fail closed). It must never log a key.
 */
public interface ReplayStore extends AutoCloseable {

    /** What the store says of a key. */
    enum Outcome {
        /** The key was not recorded (or its entry expired): it is recorded now, and the request goes on. */
        FIRST_USE,
        /** The key is recorded and still live: the request is a replay. */
        REPLAYED,
        /** The store could not tell in time, or has no room for a live entry: the request is refused with 503. */
        UNAVAILABLE
    }

    /**
     * Records {@code key} for {@code ttl} unless it is recorded already, atomically.
     *
     * @param key a 32-byte SHA-256 digest; the store may keep the array
     * @param ttl how long the key must be remembered at least; positive
     * @return whether this was the key's first use; {@link Outcome#UNAVAILABLE} when the store cannot say (an
     *     exception thrown is taken as that too)
     */
    Outcome firstUse(byte[] key, Duration ttl);

    /**
     * One line for the start-up log, e.g. {@code in memory (at most 100000 entries)}: never a password or any
     * other secret of a store's address.
     */
    String describe();

    /** Releases what the store holds (connections, threads); the default does nothing. */
    @Override
    default void close() {
    }

    /**
     * The in-memory store for one server: at most {@code maxEntries} live entries, each a fixed size whatever
     * the request's (a 32-byte digest and a deadline), so memory is bounded too. Expired entries are dropped;
     * when every entry is live and there is no room, a new request is {@link Outcome#UNAVAILABLE} rather than
     * an entry forgotten early.
     *
     * @param maxEntries from 1 to 10,000,000
     * @throws IllegalArgumentException outside that range
     */
    static ReplayStore inMemory(int maxEntries) {
        return new InMemoryReplayStore(maxEntries, System::nanoTime);
    }
}
