package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.replay.redis.RedisServer;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v5/orders} on two Shapes API servers, as {@link Main} starts them, behind one public origin (a
 * load balancer's) and sharing one real Redis ({@code APPROOV_REPLAY_STORE_URL}), started by the test on a free
 * port: a signed order is taken once, whichever server it reaches; of simultaneous copies sent to both exactly
 * one gets 201; with Redis stopped the endpoint answers 503 with {@code Retry-After} and takes orders again by
 * itself once Redis is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayAcrossInstancesTest {

    /** The origin apps sign: the load balancer in front of both servers. */
    static final String ORIGIN = "https://shapes.example.com";
    static final AppInstallation DEVICE = AppInstallation.create();
    static final AtomicInteger ORDERS = new AtomicInteger();

    private RedisServer redis;
    private RunningServer first;
    private RunningServer second;

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        // The longest wait for Redis (1 s): on a loaded machine a slow answer is never taken for Redis being
        // down here; the bound itself is approov-replay-redis's tests' subject.
        Map<String, String> environment = MainTest.with("APPROOV_REPLAY_STORE_URL", redis.url(),
                "APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", ORIGIN, "APPROOV_REPLAY_STORE_TIMEOUT_MILLIS", "1000");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        first = Main.start(environment::get, quiet);
        second = Main.start(environment::get, quiet);
    }

    @AfterAll
    void stop() {
        first.stop();
        second.stop();
        redis.close();
    }

    /** A new order (its own body), signed now for the public origin as the SDK signs it, with a token of the demo's secret. */
    static SignedRequest order() {
        String token = ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64).installationKey(DEVICE.publicKey()).mint();
        byte[] body = ("{\"shape\":\"Square\",\"quantity\":" + ORDERS.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
        return SignedRequest.sign(DEVICE, "POST", URI.create(ORIGIN + "/v5/orders"), "Approov-Token", token, Map.of(), body,
                Instant.now(), 300);
    }

    /** Sends {@code order} to {@code server} as received behind the load balancer. */
    static HttpResponse<String> send(RunningServer server, SignedRequest order) {
        List<String> headers = new ArrayList<>();
        order.headers().forEach((name, value) -> {
            if (!name.equals("Content-Length")) { // java.net.http sets it
                headers.add(name);
                headers.add(value);
            }
        });
        return RawHttp.send(server.clientUri().resolve("v5/orders"), "POST", order.body(), headers.toArray(String[]::new));
    }

    static void assertCreated(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"ordered\":\"\\w+\",\"bytes\":\\d+}"), response.body());
    }

    static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{}", response.body());
        assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void aSignedOrderIsTakenOnceWhicheverServerItReaches() {
        SignedRequest order = order();
        assertCreated(send(first, order));
        assertRefused(send(first, order));
        assertRefused(send(second, order));
        SignedRequest other = order();
        assertCreated(send(second, other));
        assertRefused(send(first, other));
    }

    @Test
    void ofSimultaneousCopiesOnTwoServersExactlyOneGets201() throws Exception {
        SignedRequest order = order();
        int copies = 24;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                RunningServer server = i % 2 == 0 ? first : second;
                Callable<Integer> send = () -> {
                    start.await();
                    return send(server, order).statusCode();
                };
                statuses.add(pool.submit(send));
            }
            start.countDown();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> status : statuses) {
                counts.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(201, 1, 401, copies - 1), counts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withRedisDownOrdersGet503AndAreTakenAgainOnceItIsBack() {
        redis.stop();
        SignedRequest order = order();
        try {
            HttpResponse<String> refused = send(first, order);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("{}", refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(503, send(second, order).statusCode());
            // Other endpoints never ask the store.
            assertEquals(200, RawHttp.get(first.clientUri().resolve("v2/hello")).statusCode());
        } finally {
            redis.startProcess();
        }
        // Unused so far (Redis was down): retried, as the client would after Retry-After, until the server's store
        // asks Redis again (within about a second), it is taken once; then the other server, recovered too, refuses it.
        assertCreated(untilStoreAnswers(first, order));
        assertRefused(untilStoreAnswers(second, order));
    }

    /** The answer to {@code order} once {@code server} no longer answers 503 (10 s at most). */
    static HttpResponse<String> untilStoreAnswers(RunningServer server, SignedRequest order) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = send(server, order);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            RedisServer.sleep(50);
            response = send(server, order);
        }
        return response;
    }
}
