package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay store's settings: the in-memory default and its bound, the timeout, and the URL of a shared store,
 * which chooses the store module on the class path by its scheme ({@link java.util.ServiceLoader}) and whose
 * password never reaches a message, {@code toString()} or the start-up line.
 */
class ReplayStoreConfigTest {

    static final String PASSWORD = "Zq8vN3pX7rT2wK9m";

    /** What the factory of scheme "recording" (declared in this module's test resources) was asked to open. */
    static final List<String> OPENED = new CopyOnWriteArrayList<>();
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    /** A store module for the scheme "recording", found the way approov-replay-redis is. */
    public static final class RecordingFactory implements ReplayStoreFactory {
        @Override
        public Set<String> schemes() {
            return Set.of("recording");
        }

        @Override
        public ReplayStore open(String url, Duration timeout) {
            OPENED.add(url + " " + timeout.toMillis() + "ms");
            ReplayStore memory = ReplayStore.inMemory(10);
            return new ReplayStore() {
                @Override
                public Outcome firstUse(byte[] key, Duration ttl) {
                    return memory.firstUse(key, ttl);
                }

                @Override
                public String describe() {
                    return "in the recording store";
                }

                @Override
                public void close() {
                    CLOSED.add(url);
                }
            };
        }
    }

    static ApproovConfig.Builder builder() {
        return ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false);
    }

    static ApproovConfigurationException refusal(Map<String, String> variables) {
        Map<String, String> env = new java.util.HashMap<>(variables);
        env.put(ConfigVariables.BASE64_SECRET, TestSecret.SECRET_BASE64);
        return assertThrows(ApproovConfigurationException.class, () -> ApproovCheck.create(ApproovConfig.fromEnvironment(env::get)));
    }

    @Test
    void byDefaultSingleUseRequestsAreRememberedInMemoryWithABound() {
        ApproovConfig config = builder().build();
        assertEquals(100_000, config.replayStoreMaxEntries());
        assertEquals(Duration.ofMillis(50), config.replayStoreTimeout());
        assertTrue(ApproovCheck.create(config).describe().endsWith(
                "; single-use signatures remembered in memory (at most 100000 entries)"));
        ApproovConfig small = ApproovConfig.fromEnvironment(Map.of(ConfigVariables.BASE64_SECRET, TestSecret.SECRET_BASE64,
                "APPROOV_REPLAY_STORE_MAX_ENTRIES", "3", "APPROOV_REPLAY_STORE_TIMEOUT_MILLIS", "20")::get);
        assertEquals(3, small.replayStoreMaxEntries());
        assertEquals(Duration.ofMillis(20), small.replayStoreTimeout());
        assertTrue(ApproovCheck.create(small).describe().endsWith("in memory (at most 3 entries)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10000001", "-1", "many"})
    void anOutOfRangeBoundStopsStartUp(String entries) {
        String message = refusal(Map.of("APPROOV_REPLAY_STORE_MAX_ENTRIES", entries)).getMessage();
        assertTrue(message.contains("APPROOV_REPLAY_STORE_MAX_ENTRIES"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "soon"})
    void anOutOfRangeTimeoutStopsStartUp(String millis) {
        String message = refusal(Map.of("APPROOV_REPLAY_STORE_TIMEOUT_MILLIS", millis)).getMessage();
        assertTrue(message.contains("APPROOV_REPLAY_STORE_TIMEOUT_MILLIS"), message);
        assertThrows(ApproovConfigurationException.class, () -> builder().replayStoreTimeout(Duration.ofNanos(1_500_000)).build(),
                "whole milliseconds only");
    }

    @Test
    void theStoreModuleIsFoundByTheUrlsSchemeAndClosedWithTheCheck() {
        String url = "recording://:" + PASSWORD + "@store.internal:7000/2";
        ApproovCheck check = ApproovCheck.create(builder().replayStoreUrl(url).replayStoreTimeout(Duration.ofMillis(25)).build());
        assertTrue(OPENED.contains(url + " 25ms"), OPENED.toString());
        assertTrue(check.describe().endsWith("; single-use signatures remembered in the recording store"));
        check.close();
        assertEquals(List.of(url), CLOSED);
    }

    @Test
    void aStoreGivenToTheBuilderIsItsOwnersToClose() {
        boolean[] closed = {false};
        ReplayStore given = new ReplayStore() {
            @Override
            public Outcome firstUse(byte[] key, Duration ttl) {
                return Outcome.UNAVAILABLE;
            }

            @Override
            public String describe() {
                return "given";
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ApproovCheck check = ApproovCheck.builder(builder().replayStoreUrl("recording://unused:1").build())
                .replayStore(given).build();
        assertTrue(check.describe().endsWith("remembered given"));
        check.close();
        assertFalse(closed[0]);
        assertFalse(OPENED.stream().anyMatch(opened -> opened.startsWith("recording://unused")),
                "the configuration's store is not opened when one is given");
    }

    @Test
    void aSchemeNoModuleOpensStopsStartUpNamingTheModuleAndNeverThePassword() {
        String message = refusal(Map.of("APPROOV_REPLAY_STORE_URL", "redis://user:" + PASSWORD + "@redis.internal:6379/0"))
                .getMessage();
        assertTrue(message.contains("approov-replay-redis"), message);
        assertTrue(message.contains("redis://***@redis.internal:6379/0"), message);
        assertFalse(message.contains(PASSWORD), message);
        assertFalse(message.contains("user"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:" + PASSWORD + "@", "//:" + PASSWORD + "@host:6379", "redis://:" + PASSWORD
            + "@host:6379/ 0", ":" + PASSWORD, "redis://:" + PASSWORD + "/@host"})
    void aUrlThatNamesNoStoreIsRefusedWithoutItsPassword(String url) {
        String message = refusal(Map.of("APPROOV_REPLAY_STORE_URL", url)).getMessage();
        assertTrue(message.contains("APPROOV_REPLAY_STORE_URL (replayStoreUrl)"), message);
        assertFalse(message.contains(PASSWORD), message);
        assertFalse(message.contains(PASSWORD.substring(0, 8)), message);
    }

    @Test
    void theConfigurationShowsTheUrlWithoutUserNamePasswordOrQuery() {
        ApproovConfig config = builder().replayStoreUrl("rediss://approov:" + PASSWORD + "@redis.internal:6380/3?clientName="
                + PASSWORD).build();
        assertTrue(config.toString().contains("replayStore=rediss://***@redis.internal:6380/3, timeout 50ms"),
                config.toString());
        assertFalse(config.toString().contains(PASSWORD));
        assertFalse(config.toString().contains("approov:"));
        assertEquals("redis://cache:6379/...", ReplayStores.redacted("redis://cache:6379/path/" + PASSWORD));
        assertEquals("a value of 21 characters", ReplayStores.redacted(":" + PASSWORD + "@x:1"));
    }
}
