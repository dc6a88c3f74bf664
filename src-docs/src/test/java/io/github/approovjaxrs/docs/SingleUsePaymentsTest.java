package io.github.approovjaxrs.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.replay.redis.RedisServer;
import io.github.approovjaxrs.testing.AppInstallation;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough's single-use endpoint ({@code POST /payments}, {@code @ApproovSigned(singleUse = true)}): a
 * signed payment is taken once, in memory by default, and through a real Redis when the store is set in code
 * ({@link MessageSigning#sharedReplayStore}) or by {@code APPROOV_REPLAY_STORE_URL}, where two servers share it.
 */
class SingleUsePaymentsTest {

    static final byte[] PAYMENT = "{\"order\":7,\"amount\":\"12.50\"}".getBytes(UTF_8);
    /** How many times a request is sent while a new store is still connecting: at most 250 times 20 ms. */
    static final int CONNECTION_ATTEMPTS = 250;
    final AppInstallation device = AppInstallation.create();

    static String send(URI uri, List<String> headers) {
        HttpResponse<String> response = RawHttp.send(uri, "POST", PAYMENT, headers.toArray(String[]::new));
        return response.statusCode() + " " + response.body();
    }

    String token() {
        return TestSecret.TOKENS.installationKey(device.publicKey()).mint();
    }

    @Test
    void aPaymentIsTakenOnceAndTheVerySameSignedRequestAgainGets401() {
        JerseyServer server = new JerseyServer(new ResourceConfig(OrderResource.class).register(ApproovFeature.create(
                ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()))).start();
        try {
            URI uri = server.uri("payments");
            List<String> headers = signedFor(uri, token());
            assertEquals("201 {\"paid\":true,\"bytes\":28}", send(uri, headers));
            assertEquals("401 {}", send(uri, headers));
            assertEquals("201 {\"paid\":true,\"bytes\":28}", send(uri, signedFor(uri, token())),
                    "signed again: a new request");
        } finally {
            server.stop();
        }
    }

    @Test
    void theStoreSetInCodeIsTheRedisTheFleetShares() {
        try (RedisServer redis = RedisServer.start();
                MessageSigning.SharedReplayStore shared = SystemProperties.withTestSecret(
                        () -> MessageSigning.sharedReplayStore(redis.url()))) {
            JerseyServer server = new JerseyServer(new ResourceConfig(OrderResource.class).register(shared.approov()))
                    .start();
            try {
                String describe = shared.approov().check().describe();
                assertTrue(describe.contains("single-use signatures remembered in Redis at redis://127.0.0.1:"
                        + redis.port() + "/0 (timeout 50 ms)"), describe);
                String token = token();
                List<String> headers = signedFor(server.uri("payments"), token);
                String first = send(server.uri("payments"), headers);
                // The store connects in the background: until it has, a single-use request gets 503.
                for (int attempt = 0; attempt < CONNECTION_ATTEMPTS && first.startsWith("503"); attempt++) {
                    RedisServer.sleep(20);
                    first = send(server.uri("payments"), headers);
                }
                assertEquals("201 {\"paid\":true,\"bytes\":28}", first);
                assertEquals("401 {}", send(server.uri("payments"), headers));
                // KEYS leaves out keys whose time is up (DBSIZE counts them until Redis reclaims them), such as the
                // store's 1 ms warm-up key.
                assertEquals("*1", redis.command("KEYS", "approov:replay:*"), "one payment remembered in Redis");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void twoServersConfiguredByTheVariableShareOneRedis() {
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> variables = Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                    "APPROOV_REPLAY_STORE_URL", redis.url(), "APPROOV_REPLAY_STORE_TIMEOUT_MILLIS", "1000",
                    "APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com");
            ApproovFeature one = SystemProperties.with(variables, ApproovFeature::fromEnvironment);
            ApproovFeature other = SystemProperties.with(variables, ApproovFeature::fromEnvironment);
            JerseyServer first = new JerseyServer(new ResourceConfig(OrderResource.class).register(one)).start();
            JerseyServer second = new JerseyServer(new ResourceConfig(OrderResource.class).register(other)).start();
            try {
                List<String> headers = signedFor(URI.create("https://api.example.com/payments"), token());
                assertEquals("201 {\"paid\":true,\"bytes\":28}", send(first.uri("payments"), headers));
                assertEquals("401 {}", send(second.uri("payments"), headers));
            } finally {
                first.stop();
                second.stop();
                one.check().close(); // each closes the Redis connection it opened from the variable
                other.check().close();
            }
        }
    }

    private List<String> signedFor(URI uri, String token) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token, "Content-Type", "application/json"));
        device.request("POST", uri).header("Approov-Token", token).header("Content-Type", "application/json")
                .body(PAYMENT).sign().headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
        return headers;
    }
}
