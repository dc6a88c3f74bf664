package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static TokenCache.Entry entry(String token) {
        return new TokenCache.Entry(token, null, null);
    }

    @Test
    void anEqualStringIsAHitAndAnyOtherIsAMiss() {
        TokenCache cache = new TokenCache(2048);
        TokenCache.Entry stored = entry("aaaa.bbbb.cccc");
        cache.put(stored);
        assertSame(stored, cache.get(new String("aaaa.bbbb.cccc")), "equal text, another String instance");
        assertNull(cache.get("aaaa.bbbb.cccd"));
        assertNull(cache.get("aaaa.bbbb.ccc"));
    }

    @Test
    void aTokenInAnotherTokensSlotIsAMissAndReplacesIt() {
        TokenCache cache = new TokenCache(1); // one slot: every token shares it
        TokenCache.Entry first = entry("first.token.aaaa");
        TokenCache.Entry second = entry("second.token.bbbb");
        cache.put(first);
        assertNull(cache.get("second.token.bbbb"));
        cache.put(second);
        assertNull(cache.get("first.token.aaaa"));
        assertSame(second, cache.get("second.token.bbbb"));
    }

    @Test
    void removeDropsOnlyTheEntryItIsGiven() {
        TokenCache cache = new TokenCache(1);
        TokenCache.Entry first = entry("first.token.aaaa");
        TokenCache.Entry second = entry("second.token.bbbb");
        cache.put(first);
        cache.put(second);
        cache.remove(first); // already replaced: nothing to do
        assertSame(second, cache.get("second.token.bbbb"));
        cache.remove(second);
        assertNull(cache.get("second.token.bbbb"));
    }

    @Test
    void sizeIsRoundedUpToAPowerOfTwoAndZeroStoresNothing() {
        assertEquals(2048, new TokenCache(2000).capacity());
        assertEquals(1, new TokenCache(1).capacity());
        TokenCache off = new TokenCache(0);
        off.put(entry("aaaa.bbbb.cccc"));
        assertNull(off.get("aaaa.bbbb.cccc"));
    }
}
