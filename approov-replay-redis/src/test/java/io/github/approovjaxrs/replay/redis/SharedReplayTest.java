package io.github.approovjaxrs.replay.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Two servers' checks sharing one real Redis, each configured only by {@code APPROOV_REPLAY_STORE_URL} (the core
 * finds this module's store with {@link java.util.ServiceLoader}): a signed request accepted by one is a replay
 * for both; of simultaneous copies sent to both, exactly one is accepted; Redis stopped fails closed with 503
 * and the checks recover by themselves when it is back; monitor mode lets requests through and logs. Every log
 * line meanwhile (the library's at every level, Lettuce's and Netty's down to DEBUG) is searched for the
 * password, the token, the signature and the signature base. Lettuce's TRACE is a dump of the wire, password
 * included: the store warns when it is on ({@link #aWireTraceOfLettuceIsWarnedAbout}).
 */
class SharedReplayTest {

    static final byte[] SECRET = "shared-replay-test-secret-shared".getBytes(StandardCharsets.US_ASCII);
    static final String PASSWORD = "Mw8Hs3Jd6Pq1Xv5T";
    static final ApproovRequirements SINGLE_USE = ApproovRequirements.token().withSingleUseMessageSignature();
    static final URI ORDERS = URI.create("https://api.example.com/v5/orders");
    static final AppInstallation DEVICE = AppInstallation.create();
    static final String TOKEN = ApproovTokens.hs256(SECRET).installationKey(DEVICE.publicKey()).mint();

    /** A check of one server, as {@code fromEnvironment} builds it from these variables. */
    static ApproovCheck check(String url, boolean monitor) {
        Map<String, String> env = new HashMap<>();
        env.put("APPROOV_BASE64_SECRET", Base64.getEncoder().encodeToString(SECRET));
        env.put("APPROOV_REPLAY_STORE_URL", url);
        env.put("APPROOV_REPLAY_STORE_TIMEOUT_MILLIS", "1000");
        env.put("APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE", String.valueOf(!monitor));
        return ApproovCheck.create(ApproovConfig.fromEnvironment(env::get));
    }

    /** A new order, signed now as the SDK signs it: a new body each, so a new base. */
    static Order order(int number) {
        byte[] body = ("{\"order\":" + number + "}").getBytes(StandardCharsets.UTF_8);
        AppInstallation.RequestSigner signer = DEVICE.request("POST", ORDERS).header("Approov-Token", TOKEN)
                .header("Content-Type", "application/json").body(body);
        Map<String, String> headers = new HashMap<>(Map.of("Approov-Token", TOKEN, "Content-Type", "application/json"));
        headers.putAll(signer.sign().headers());
        return new Order(headers, body);
    }

    record Order(Map<String, String> headers, byte[] body) {
        ApproovRequest request() {
            ApproovRequest.Builder request = ApproovRequest.builder().method("POST").target(ORDERS).body(body);
            headers.forEach(request::header);
            return request.build();
        }
    }

    static ApproovDecision eventuallyAccepted(ApproovCheck check, Order order) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        ApproovDecision decision = check.decide(order.request(), SINGLE_USE);
        while (!(decision instanceof ApproovDecision.Accepted) && System.nanoTime() < deadline) {
            RedisServer.sleep(20);
            decision = check.decide(order.request(), SINGLE_USE);
        }
        return decision;
    }

    static ApproovFailure refusal(ApproovDecision decision) {
        return assertInstanceOf(ApproovDecision.Refused.class, decision).reason();
    }

    @Test
    void twoServersSharingRedisAcceptEachSignedRequestOnceFailClosedWhileItIsDownAndRecover() throws Exception {
        Capture capture = Capture.start();
        List<Order> sent = new ArrayList<>();
        try (RedisServer redis = RedisServer.start(PASSWORD, List.of())) {
            ApproovCheck first = check(redis.url(), false);
            ApproovCheck second = check(redis.url(), false);
            try {
                assertTrue(first.describe().endsWith("single-use signatures remembered in Redis at redis://***@127.0.0.1:"
                        + redis.port() + "/0 (timeout 1000 ms)"), first.describe());

                Order order = order(1);
                sent.add(order);
                assertInstanceOf(ApproovDecision.Accepted.class, eventuallyAccepted(first, order));
                assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(first.decide(order.request(), SINGLE_USE)));
                assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(second.decide(order.request(), SINGLE_USE)),
                        "the second server refuses what the first accepted");
                Order other = order(2);
                sent.add(other);
                assertInstanceOf(ApproovDecision.Accepted.class, eventuallyAccepted(second, other));
                assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(first.decide(other.request(), SINGLE_USE)));

                Order raced = order(3);
                sent.add(raced);
                assertEquals(1, acceptedOf(32, raced, first, second), "of 32 simultaneous copies on two servers");

                redis.stop();
                Order whileDown = order(4);
                sent.add(whileDown);
                ApproovDecision.Refused refused = assertInstanceOf(ApproovDecision.Refused.class,
                        first.decide(whileDown.request(), SINGLE_USE));
                assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, refused.reason());
                assertEquals(503, refused.status());
                assertEquals("1", refused.headers().get("Retry-After"));
                assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, refusal(second.decide(whileDown.request(), SINGLE_USE)));
                try (ApproovCheck monitor = check(redis.url(), true)) {
                    assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, assertInstanceOf(ApproovDecision.LetThrough.class,
                            monitor.decide(whileDown.request(), SINGLE_USE)).reason(), "monitor mode lets it through");
                }
                // Plain signed requests never ask the store: they go on while it is down.
                assertInstanceOf(ApproovDecision.Accepted.class, first.decide(whileDown.request(),
                        ApproovRequirements.token().withMessageSignature()));

                redis.startProcess();
                assertInstanceOf(ApproovDecision.Accepted.class, eventuallyAccepted(first, whileDown), "first recovered");
                assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(eventuallyRefused(second, whileDown)),
                        "second recovered, and sees the first's entry");
            } finally {
                first.close();
                second.close();
            }
            try (ApproovCheck wrongPassword = check(redis.url().replace(PASSWORD, "x" + PASSWORD), false)) {
                Order refusedByRedis = order(5);
                sent.add(refusedByRedis);
                assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, refusal(wrongPassword.decide(refusedByRedis.request(),
                        SINGLE_USE)));
            }
        } finally {
            capture.stop();
        }
        List<String> leaks = capture.leaks(sent);
        System.out.println("Shared replay: " + capture.lines().size() + " log lines captured, leaks: " + leaks.size());
        assertFalse(capture.lines().isEmpty(), "the capture saw the store's lines");
        assertTrue(capture.lines().stream().anyMatch(line -> line.contains("did not answer")), capture.lines().toString());
        assertEquals(List.of(), leaks);
    }

    @Test
    void aWireTraceOfLettuceIsWarnedAbout() {
        Logger protocol = Logger.getLogger("io.lettuce.core.protocol");
        Level before = protocol.getLevel();
        Capture capture = Capture.start();
        try {
            assertFalse(RedisReplayStore.warnIfTheWireIsLogged("redis://127.0.0.1:6379/0"));
            protocol.setLevel(Level.FINEST);
            assertTrue(RedisReplayStore.warnIfTheWireIsLogged("redis://127.0.0.1:6379/0"));
        } finally {
            protocol.setLevel(before);
            capture.stop();
        }
        assertTrue(capture.lines().stream().anyMatch(line -> line.contains("TRACE logging of io.lettuce.core.protocol is on")),
                capture.lines().toString());
    }

    /** The decision once the check's store answers again (a replay, for a request another server recorded). */
    static ApproovDecision eventuallyRefused(ApproovCheck check, Order order) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        ApproovDecision decision = check.decide(order.request(), SINGLE_USE);
        while (decision instanceof ApproovDecision.Refused refused && refused.reason() == ApproovFailure.REPLAY_STORE_UNAVAILABLE
                && System.nanoTime() < deadline) {
            RedisServer.sleep(20);
            decision = check.decide(order.request(), SINGLE_USE);
        }
        return decision;
    }

    /** How many of {@code copies} simultaneous copies of {@code order}, sent to the checks in turn, were accepted. */
    static int acceptedOf(int copies, Order order, ApproovCheck... checks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApproovDecision>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                ApproovCheck check = checks[i % checks.length];
                Callable<ApproovDecision> send = () -> {
                    start.await();
                    return check.decide(order.request(), SINGLE_USE);
                };
                futures.add(pool.submit(send));
            }
            start.countDown();
            int accepted = 0;
            for (Future<ApproovDecision> future : futures) {
                ApproovDecision decision = future.get();
                if (decision instanceof ApproovDecision.Accepted) {
                    accepted++;
                } else {
                    assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(decision));
                }
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every log record of the JVM (java.util.logging, where SLF4J sends Lettuce's and Netty's), at every level. */
    static final class Capture extends Handler {
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final Map<Logger, Level> previous = new HashMap<>();
        /** Held strongly: JUL keeps loggers weakly, and a collected logger would lose its level. */
        private final List<Logger> verbose = List.of(Logger.getLogger("io.github.approovjaxrs"), Logger.getLogger("io.lettuce"),
                Logger.getLogger("io.netty"));

        static Capture start() {
            Capture capture = new Capture();
            capture.setLevel(Level.ALL);
            for (Logger logger : capture.verbose) {
                capture.previous.put(logger, logger.getLevel());
                logger.setLevel(logger.getName().equals("io.github.approovjaxrs") ? Level.ALL : Level.FINE);
            }
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
            previous.forEach(Logger::setLevel);
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLoggerName() + " " + record.getLevel() + " " + formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        /** Lines holding the password, the token, a signature, a line of a signature base, or a body. */
        List<String> leaks(List<Order> orders) {
            Map<String, String> forbidden = new HashMap<>();
            forbidden.put(PASSWORD, "the Redis password");
            forbidden.put(PASSWORD.substring(0, 8), "the start of the Redis password");
            forbidden.put(TOKEN, "the token");
            forbidden.put(TOKEN.substring(TOKEN.lastIndexOf('.') + 1), "the token's signature");
            forbidden.put("\"@signature-params\"", "a signature base line");
            forbidden.put("approov:replay:", "a replay key");
            for (Order order : orders) {
                forbidden.put(order.headers().get("Signature"), "a Signature value");
                forbidden.put(order.headers().get("Signature-Input"), "a Signature-Input value");
                forbidden.put(new String(order.body(), StandardCharsets.UTF_8), "a body");
            }
            List<String> found = new ArrayList<>();
            for (String line : lines) {
                forbidden.forEach((text, what) -> {
                    if (line.contains(text)) {
                        found.add(what + " in: " + line.strip());
                    }
                });
            }
            return found;
        }
    }
}
