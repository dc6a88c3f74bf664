package io.github.approovjaxrs.core;

/**
 * A bounded, lock-free memory of tokens that passed the full check, so a token an app reuses for minutes
 * is parsed once.
 *
 * <p>Direct-mapped: a token has exactly one slot, chosen by its last characters (the signature, which is
 * uniformly random for genuine tokens) and confirmed by comparing the whole string, so a hit is an exact
 * match of every character. Only verified tokens are stored, so an attacker cannot fill it; its memory is
 * capped at {@code slots} entries whatever the traffic; a colliding token simply replaces the older one;
 * an entry past its {@code exp} is a miss. Entries are immutable, so racy reads of the array are safe.
 *
 * <p>Each slot's hash is kept beside it, in a flat array, so that a token the cache does not hold (every
 * token on its first request) is turned away by one int comparison instead of by following the entry and
 * its token through memory that is rarely still in the CPU's caches. The hash only ever short-cuts a miss:
 * a hit is still decided by comparing the whole string, so a stale hash read in a race costs a re-check,
 * never a wrong answer.
 */
final class TokenCache {

    /** An accepted token and what its acceptance depends on afterwards: time only. */
    record Entry(String token, ApproovVerdict.Accepted verdict, ClaimChecks.Window window) {
    }

    private static final int HASHED_SUFFIX = 16;

    private final Entry[] slots;
    private final int[] hashes;
    private final int mask;

    /** A cache of {@code size} entries rounded up to a power of two; 0 disables it. */
    TokenCache(int size) {
        int slotCount = size <= 1 ? size : Integer.highestOneBit(size - 1) << 1;
        this.slots = new Entry[slotCount];
        this.hashes = new int[slotCount];
        this.mask = slotCount - 1;
    }

    /** The entry for exactly {@code token}, or null. The caller judges its time window. */
    Entry get(String token) {
        if (slots.length == 0) {
            return null;
        }
        int hash = hash(token);
        int slot = hash & mask;
        if (hashes[slot] != hash) {
            return null;
        }
        Entry entry = slots[slot];
        return entry != null && entry.token().equals(token) ? entry : null;
    }

    void put(Entry entry) {
        if (slots.length != 0) {
            int hash = hash(entry.token());
            int slot = hash & mask;
            slots[slot] = entry;
            hashes[slot] = hash;
        }
    }

    /** Drops {@code entry} if it still occupies its slot (for expired entries, so their memory goes). */
    void remove(Entry entry) {
        if (slots.length != 0) {
            int slot = hash(entry.token()) & mask;
            if (slots[slot] == entry) {
                slots[slot] = null;
            }
        }
    }

    int capacity() {
        return slots.length;
    }

    private static int hash(String token) {
        int hash = 0;
        for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
            hash = 31 * hash + token.charAt(i);
        }
        hash ^= hash >>> 16;
        hash *= 0x9E3779B1;
        return hash ^ (hash >>> 15);
    }
}
