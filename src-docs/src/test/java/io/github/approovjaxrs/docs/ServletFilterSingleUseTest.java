package io.github.approovjaxrs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.replay.redis.RedisServer;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ApproovServletFilter} for {@code token + single-use message signature}: a signed order reaches the
 * servlet once, and the core's 503 with {@code Retry-After} passes through the filter as it is when the replay
 * store ({@code APPROOV_REPLAY_STORE_URL}) cannot answer.
 */
class ServletFilterSingleUseTest {

    @Nested
    class InMemory extends OrdersBehindTheFilter {
        @Override
        Map<String, String> settings() {
            return Map.of();
        }

        @Override
        String requirements() {
            return "token + single-use message signature";
        }

        @Test
        void aSignedOrderReachesTheServletOnceAndItsReplayIsRefused() {
            String token = token();
            Map<String, String> signature = signedPost("orders", token, ORDER);
            assertEquals("200 claims=signed restored body={\"shape\":\"Circle\",\"quantity\":2}",
                    post("orders", ORDER, token, signature));
            assertEquals("401 {} Approov", post("orders", ORDER, token, signature));
        }
    }

    @Nested
    class StoreUnreachable extends OrdersBehindTheFilter {
        @Override
        Map<String, String> settings() {
            return Map.of("APPROOV_REPLAY_STORE_URL", "redis://127.0.0.1:" + RedisServer.freePort());
        }

        @Override
        String requirements() {
            return "token + single-use message signature";
        }

        @Test
        void theCoresAnswerIs503WithRetryAfterAndTheServletNeverRuns() {
            String token = token();
            Invocation.Builder request = target("orders").request().header("Approov-Token", token);
            signedPost("orders", token, ORDER).forEach(request::header);
            try (Response response = request.post(Entity.json(ORDER))) {
                assertEquals(503, response.getStatus());
                assertEquals("1", response.getHeaderString("Retry-After"));
                assertEquals("{}", response.readEntity(String.class));
                assertTrue(response.getHeaderString("WWW-Authenticate") == null);
            }
        }
    }
}
