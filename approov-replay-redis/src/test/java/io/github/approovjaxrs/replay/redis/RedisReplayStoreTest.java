package io.github.approovjaxrs.replay.redis;

import static io.github.approovjaxrs.core.ReplayStore.Outcome.FIRST_USE;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.REPLAYED;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.core.ReplayStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis replay store against a real {@code redis-server} started by the test on a free port: the atomic
 * first use, sharing between stores (servers), expiry, Redis stopped and started again, a slow Redis, a Redis
 * that accepts connections and never answers, and many simultaneous first uses. No assertion is about speed:
 * "bounded" is shown by the answer coming back while Redis is still asleep; the waits are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisReplayStoreTest {

    /** The default wait, where the bound is what a test shows. */
    static final Duration TIMEOUT = Duration.ofMillis(50);
    /**
     * The longest wait, where a test shows what Redis remembers: a loaded machine never turns a slow answer into
     * a 503 there.
     */
    static final Duration PATIENT = Duration.ofSeconds(1);
    static final Duration MINUTE = Duration.ofMinutes(1);
    private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());
    private RedisServer redis;

    @BeforeAll
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    void stopRedis() {
        redis.close();
    }

    /** A key no other test uses: 32 bytes, ASCII digits here so that the test can name it to redis-server. */
    static byte[] key() {
        return String.format("%032d", KEYS.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    }

    /** What Redis holds the key under. */
    static String redisKey(byte[] key) {
        return "approov:replay:" + new String(key, StandardCharsets.US_ASCII);
    }

    /** The outcome {@code use} gives within 10 s (a store that is connecting or resting answers UNAVAILABLE meanwhile). */
    static ReplayStore.Outcome eventually(ReplayStore.Outcome wanted, Supplier<ReplayStore.Outcome> use) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ReplayStore.Outcome last = use.get();
        while (last != wanted && System.nanoTime() < deadline) {
            RedisServer.sleep(20);
            last = use.get();
        }
        return last;
    }

    static RedisReplayStore connected(String url) {
        return connected(url, PATIENT);
    }

    static RedisReplayStore connected(String url, Duration timeout) {
        RedisReplayStore store = RedisReplayStore.open(url, timeout);
        byte[] probe = key();
        assertEquals(FIRST_USE, eventually(FIRST_USE, () -> store.firstUse(probe, MINUTE)), "the store connects");
        return store;
    }

    @Test
    void aKeyIsAFirstUseOnceThenAReplayAndRedisKeepsItForItsTtl() {
        try (RedisReplayStore store = connected(redis.url())) {
            byte[] key = key();
            assertEquals(FIRST_USE, store.firstUse(key, Duration.ofSeconds(75)));
            assertEquals(REPLAYED, store.firstUse(key, Duration.ofSeconds(75)));
            assertEquals(REPLAYED, store.firstUse(key.clone(), Duration.ofHours(1)), "SET NX leaves the first TTL");
            long ttl = Long.parseLong(redis.command("PTTL", redisKey(key)).substring(1));
            assertTrue(ttl > 0 && ttl <= 75_000, "PX 75000 was set: PTTL " + ttl);
            assertEquals("in Redis at redis://127.0.0.1:" + redis.port() + "/0 (timeout 1000 ms)", store.describe());
        }
    }

    @Test
    void twoStoresSharingOneRedisAreOneMemory() {
        try (RedisReplayStore first = connected(redis.url()); RedisReplayStore second = connected(redis.url())) {
            byte[] key = key();
            assertEquals(FIRST_USE, first.firstUse(key, MINUTE));
            assertEquals(REPLAYED, second.firstUse(key, MINUTE), "the second server sees the first one's request");
            byte[] other = key();
            assertEquals(FIRST_USE, second.firstUse(other, MINUTE));
            assertEquals(REPLAYED, first.firstUse(other, MINUTE));
        }
    }

    @Test
    void anEntryExpiresWithItsTtlAndTheKeyIsNewAgain() {
        try (RedisReplayStore store = connected(redis.url())) {
            byte[] key = key();
            assertEquals(FIRST_USE, store.firstUse(key, Duration.ofMillis(300)));
            assertEquals(REPLAYED, store.firstUse(key, Duration.ofMillis(300)));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!redis.command("EXISTS", redisKey(key)).equals(":0") && System.nanoTime() < deadline) {
                RedisServer.sleep(50);
            }
            assertEquals(":0", redis.command("EXISTS", redisKey(key)), "Redis dropped the entry at its TTL");
            assertEquals(FIRST_USE, store.firstUse(key, MINUTE));
        }
    }

    @Test
    void redisStoppedFailsClosedAndTheStoreRecoversByItselfWhenItIsBack() {
        try (RedisServer own = RedisServer.start(); RedisReplayStore store = connected(own.url(), TIMEOUT)) {
            byte[] before = key();
            assertEquals(FIRST_USE, store.firstUse(before, MINUTE));
            own.stop();
            long started = System.nanoTime();
            List<ReplayStore.Outcome> whileDown = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                whileDown.add(store.firstUse(key(), MINUTE));
            }
            long averageMicros = (System.nanoTime() - started) / 50_000;
            assertEquals(List.of(UNAVAILABLE), whileDown.stream().distinct().toList(), "fail closed while Redis is down");
            assertTrue(store.isResting(), "the breaker spares Redis, and the requests, the timeout");
            System.out.println("Redis down: 50 first uses answered UNAVAILABLE, " + averageMicros + " us each on average");
            own.startProcess();
            byte[] after = key();
            assertEquals(FIRST_USE, eventually(FIRST_USE, () -> store.firstUse(after, MINUTE)), "recovered by itself");
            assertEquals(REPLAYED, store.firstUse(after, MINUTE));
            assertFalse(store.isResting());
        }
    }

    @Test
    void aSlowRedisCostsARequestTheTimeoutNotTheWait() throws Exception {
        try (RedisServer own = RedisServer.start(); RedisReplayStore store = connected(own.url(), TIMEOUT)) {
            Thread sleeper = own.sleepInBackground(3);
            long started = System.nanoTime();
            ReplayStore.Outcome outcome = store.firstUse(key(), MINUTE);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            boolean stillAsleep = sleeper.isAlive();
            assertEquals(UNAVAILABLE, outcome);
            assertTrue(stillAsleep, "the answer came while Redis was still asleep: the wait is bounded by the timeout");
            long startedAgain = System.nanoTime();
            assertEquals(UNAVAILABLE, store.firstUse(key(), MINUTE), "resting: refused without asking");
            long restedMicros = (System.nanoTime() - startedAgain) / 1000;
            System.out.println("Redis asleep (DEBUG SLEEP 3): the first request waited " + waitedMillis
                    + " ms (timeout " + TIMEOUT.toMillis() + " ms), the next " + restedMicros + " us");
            sleeper.join(10_000);
            byte[] after = key();
            assertEquals(FIRST_USE, eventually(FIRST_USE, () -> store.firstUse(after, MINUTE)), "awake again: recovered");
        }
    }

    @Test
    void aRedisThatAcceptsConnectionsButNeverAnswersIsUnavailableAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            try (RedisReplayStore store = RedisReplayStore.open("redis://127.0.0.1:" + silent.getLocalPort(), TIMEOUT)) {
                long openMillis = (System.nanoTime() - started) / 1_000_000;
                for (int i = 0; i < 20; i++) {
                    assertEquals(UNAVAILABLE, store.firstUse(key(), MINUTE));
                }
                System.out.println("A Redis that never answers: open() returned in " + openMillis
                        + " ms, 20 first uses UNAVAILABLE");
            }
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aStoreOpenedBeforeItsRedisStartsWorksOnceRedisIsUp() {
        int port = RedisServer.freePort();
        try (RedisReplayStore store = RedisReplayStore.open("redis://127.0.0.1:" + port, TIMEOUT)) {
            assertEquals(UNAVAILABLE, store.firstUse(key(), MINUTE), "no Redis yet: fail closed, start-up not stopped");
            try (RedisServer late = RedisServer.notStartedOn(port)) {
                late.startProcess();
                byte[] key = key();
                assertEquals(FIRST_USE, eventually(FIRST_USE, () -> store.firstUse(key, MINUTE)));
            }
        }
    }

    @Test
    void ofManySimultaneousFirstUsesOnTwoServersExactlyOneWins() throws Exception {
        try (RedisReplayStore first = connected(redis.url()); RedisReplayStore second = connected(redis.url())) {
            byte[] key = key();
            int copies = 64;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<ReplayStore.Outcome>> futures = new ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    RedisReplayStore store = i % 2 == 0 ? first : second;
                    Callable<ReplayStore.Outcome> use = () -> {
                        start.await();
                        return store.firstUse(key, MINUTE);
                    };
                    futures.add(pool.submit(use));
                }
                start.countDown();
                Map<ReplayStore.Outcome, Integer> counts = new EnumMap<>(ReplayStore.Outcome.class);
                for (Future<ReplayStore.Outcome> future : futures) {
                    counts.merge(future.get(), 1, Integer::sum);
                }
                assertEquals(Map.of(FIRST_USE, 1, REPLAYED, copies - 1), counts);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aPasswordInTheUrlAuthenticatesAndIsNeverShown() {
        String password = "Tq7Rb2Lm9Xc4Vz8N";
        try (RedisServer guarded = RedisServer.start(password, List.of());
                RedisReplayStore store = connected(guarded.url())) {
            assertTrue(guarded.url().contains(password));
            byte[] key = key();
            assertEquals(FIRST_USE, store.firstUse(key, MINUTE));
            assertEquals(REPLAYED, store.firstUse(key, MINUTE));
            assertEquals("in Redis at redis://***@127.0.0.1:" + guarded.port() + "/0 (timeout 1000 ms)", store.describe());
            assertFalse(store.toString().contains(password));
            try (RedisReplayStore wrong = RedisReplayStore.open("redis://:not-" + password + "@127.0.0.1:" + guarded.port(),
                    TIMEOUT)) {
                for (int i = 0; i < 10; i++) {
                    assertEquals(UNAVAILABLE, wrong.firstUse(key(), MINUTE));
                    RedisServer.sleep(20);
                }
            }
        }
    }

    @Test
    void aUrlThatIsNoRedisUrlIsRefusedWithoutShowingIt() {
        String password = "Hx3Kp8Wq2Zr6Tn1M";
        for (String url : List.of("http://:" + password + "@host:6379", "redis://:" + password + "@", "redis://:" + password
                + "@host:notaport")) {
            ApproovConfigurationException refused = assertThrows(ApproovConfigurationException.class,
                    () -> RedisReplayStore.open(url, TIMEOUT).close(), url);
            assertFalse(refused.getMessage().contains(password), refused.getMessage());
            assertTrue(refused.getMessage().contains("APPROOV_REPLAY_STORE_URL"), refused.getMessage());
        }
        assertThrows(ApproovConfigurationException.class, () -> RedisReplayStore.open(redis.url(), Duration.ZERO));
        assertThrows(ApproovConfigurationException.class, () -> RedisReplayStore.open(redis.url(), Duration.ofSeconds(2)));
        assertEquals(java.util.Set.of("redis", "rediss"), new RedisReplayStoreFactory().schemes());
    }

    @Test
    void theKeyIsStoredUnderTheLibrarysPrefixAndNothingElse() {
        try (RedisReplayStore store = connected(redis.url())) {
            byte[] key = key();
            assertEquals(FIRST_USE, store.firstUse(key, MINUTE));
            assertEquals("$1", redis.command("GET", redisKey(key)), "the value is one byte");
            assertEquals(":1", redis.command("EXISTS", redisKey(key)));
        }
    }
}
