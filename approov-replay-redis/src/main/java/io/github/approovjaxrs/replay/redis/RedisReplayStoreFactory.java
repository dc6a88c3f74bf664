package io.github.approovjaxrs.replay.redis;

import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.core.ReplayStoreFactory;
import java.time.Duration;
import java.util.Set;

/**
 * Opens a {@link RedisReplayStore} for {@code APPROOV_REPLAY_STORE_URL=redis://...} or {@code rediss://...}:
 * declared in this module's {@code META-INF/services}, where {@code ApproovCheck} finds it by the URL's scheme,
 * so that adding this module to an application and setting the variable is all it takes.
 */
public final class RedisReplayStoreFactory implements ReplayStoreFactory {

    /** For {@link java.util.ServiceLoader}. */
    public RedisReplayStoreFactory() {
    }

    /** {@code redis}, and {@code rediss} for TLS. */
    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    /** {@link RedisReplayStore#open(String, Duration)}. */
    @Override
    public ReplayStore open(String url, Duration timeout) {
        return RedisReplayStore.open(url, timeout);
    }
}
