package io.github.approovjaxrs;

/**
 * A bounded, lock-free memory of tokens that passed the full check, so a token an app reuses for minutes
 * is parsed once.
 *
 * <p>Direct-mapped: a token has exactly one slot, chosen by its last characters (the signature, which is
 * uniformly random for genuine tokens) and confirmed by comparing the whole string, so a hit is an exact
 * match of every character. Only verified tokens are stored, so an attacker cannot fill it; its memory is
 * capped at {@code slots} entries whatever the traffic; a colliding token simply replaces the older one;
 * an entry past its {@code exp} is a miss. Entries are immutable, so racy reads of the array are safe.
 */
final class TokenCache {

    /** An accepted token and what its acceptance depends on afterwards: time only. */
    record Entry(String token, ApproovVerdict.Accepted verdict, ClaimChecks.Window window) {
    }

    private static final int HASHED_SUFFIX = 16;

    private final Entry[] slots;
    private final int mask;

    /** A cache of {@code size} entries rounded up to a power of two; 0 disables it. */
    TokenCache(int size) {
        int slotCount = size <= 1 ? size : Integer.highestOneBit(size - 1) << 1;
        this.slots = new Entry[slotCount];
        this.mask = slotCount - 1;
    }

    /** The entry for exactly {@code token}, or null. The caller judges its time window. */
    Entry get(String token) {
        if (slots.length == 0) {
            return null;
        }
        Entry entry = slots[slot(token)];
        return entry != null && entry.token().equals(token) ? entry : null;
    }

    void put(Entry entry) {
        if (slots.length != 0) {
            slots[slot(entry.token())] = entry;
        }
    }

    /** Drops {@code entry} if it still occupies its slot (for expired entries, so their memory goes). */
    void remove(Entry entry) {
        if (slots.length != 0) {
            int slot = slot(entry.token());
            if (slots[slot] == entry) {
                slots[slot] = null;
            }
        }
    }

    int capacity() {
        return slots.length;
    }

    private int slot(String token) {
        int hash = 0;
        for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
            hash = 31 * hash + token.charAt(i);
        }
        hash ^= hash >>> 16;
        hash *= 0x9E3779B1;
        return (hash ^ (hash >>> 15)) & mask;
    }
}
