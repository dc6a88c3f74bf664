package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walkthrough's message-signing examples over HTTP: signed and bound, behind a proxy, monitor mode for
 * signatures, the body limit. Requests are signed by an {@link AppInstallation} as Approov's SDK signs them,
 * tokens minted with the tests' secret.
 */
class MessageSigningTest {

    static final String BEARER = "Bearer 0123456789abcdef";
    static final byte[] ORDER = "{\"shape\":\"Circle\",\"quantity\":2}".getBytes(UTF_8);

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Served {
        final AppInstallation device = AppInstallation.create();
        final ApproovMetrics metrics = new ApproovMetrics();
        JerseyServer server;

        abstract ApproovConfig config();

        @BeforeAll
        void start() {
            server = new JerseyServer(new ResourceConfig(OrderResource.class)
                    .register(ApproovFeature.builder(config()).listener(metrics).build())).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        /** A token valid for an hour carrying the device's key, and bound to {@code authorization} if given. */
        String token(String authorization) {
            ApproovTokens.Builder token = TOKENS.installationKey(device.publicKey());
            return (authorization == null ? token : token.boundTo(authorization)).mint();
        }

        /**
         * Sends {@code method} to {@code path} on the server with {@code headers} and {@code body}, signed by
         * the device as a request to {@code signedUrl} with those headers (it covers those the SDK covers).
         */
        HttpResponse<String> send(String method, URI signedUrl, String path, Map<String, String> covered, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>(covered);
            AppInstallation.RequestSigner signer = device.request(method, signedUrl);
            covered.forEach(signer::header);
            if (body != null) {
                signer.body(body);
            }
            headers.putAll(signer.sign().headers());
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            List<String> pairs = new ArrayList<>();
            headers.forEach((name, value) -> pairs.addAll(List.of(name, value)));
            return RawHttp.send(server.uri(path), method, body, pairs.toArray(String[]::new));
        }
    }

    @Nested
    class SignedAndBound extends Served {
        @Override
        ApproovConfig config() {
            return ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build();
        }

        @Test
        void theOrderNeedsTheTokenBoundToTheSessionAndTheDevicesSignature() throws Exception {
            String token = token(BEARER);
            assertOk(send("GET", server.uri("orders/7"), "orders/7", Map.of("Approov-Token", token,
                    "Authorization", BEARER), null), "{\"id\":7,\"status\":\"accepted\"}");
            assertRefused(send("GET", server.uri("orders/7"), "orders/7", Map.of("Approov-Token", token,
                    "Authorization", "Bearer another-user"), null));
            assertRefused(RawHttp.get(server.uri("orders/7"), "Approov-Token", token, "Authorization", BEARER));
            assertRefused(send("GET", server.uri("orders/7"), "orders/8", Map.of("Approov-Token", token,
                    "Authorization", BEARER), null));
            assertEquals(1, metrics.accepted());
            assertEquals(1, metrics.rejected(ApproovFailure.BINDING_MISMATCH));
            assertEquals(1, metrics.rejected(ApproovFailure.MISSING_MESSAGE_SIGNATURE));
            assertEquals(1, metrics.rejected(ApproovFailure.BAD_MESSAGE_SIGNATURE));
        }
    }

    @Nested
    class BehindAProxy extends Served {
        @Override
        ApproovConfig config() {
            return SystemProperties.withTestSecret(MessageSigning::behindAProxy);
        }

        @Test
        void theConfigurationNamesThePublicOriginAndTheComponentsToCover() {
            ApproovConfig config = config();
            assertEquals(Optional.of("https://api.example.com"), config.publicOrigin());
            assertTrue(config.requiredSignedComponents().contains("authorization"), config.toString());
        }

        @Test
        void whatTheAppSignsIsThePublicUrlNotTheOneTheServerSees() throws Exception {
            String token = token(BEARER);
            Map<String, String> covered = Map.of("Approov-Token", token, "Authorization", BEARER);
            URI publicUrl = URI.create("https://api.example.com/orders/7?view=full");
            assertOk(send("GET", publicUrl, "orders/7?view=full", covered, null),
                    "{\"id\":7,\"status\":\"accepted\"}");
            assertRefused(send("GET", server.uri("orders/7?view=full"), "orders/7?view=full", covered, null));
            assertEquals(1, metrics.rejected(ApproovFailure.BAD_MESSAGE_SIGNATURE));
        }

        @Test
        void forwardedHeadersChangeNothing() throws Exception {
            String token = token(BEARER);
            Map<String, String> covered = new LinkedHashMap<>(Map.of("Approov-Token", token, "Authorization", BEARER));
            covered.put("X-Forwarded-Host", "evil.example.net");
            covered.put("X-Forwarded-Proto", "http");
            assertOk(send("GET", URI.create("https://api.example.com/orders/7"), "orders/7", covered, null));
            assertRefused(send("GET", URI.create("http://evil.example.net/orders/7"), "orders/7", covered, null));
        }

        @Test
        void aSignatureThatLeavesAuthorizationUncoveredIsRefused() throws Exception {
            String token = token(BEARER);
            HttpResponse<String> uncovered = RawHttp.send(server.uri("orders/7"), "GET", null,
                    signedHeaders(URI.create("https://api.example.com/orders/7"), token));
            assertRefused(uncovered);
            assertEquals(1, metrics.rejected(ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED));
        }

        private String[] signedHeaders(URI url, String token) {
            List<String> pairs = new ArrayList<>(List.of("Approov-Token", token, "Authorization", BEARER));
            device.request("GET", url).header("Approov-Token", token).sign().headers()
                    .forEach((name, value) -> pairs.addAll(List.of(name, value)));
            return pairs.toArray(String[]::new);
        }
    }

    @Nested
    class AccountSignatures extends Served {
        final byte[] accountKey = "walkthrough-account-key-32bytes!".getBytes(UTF_8);
        final byte[] nextKey = "walkthrough-next-account-key-32!".getBytes(UTF_8);

        @Override
        ApproovConfig config() {
            return SystemProperties.with(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                    "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL",
                    java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(accountKey),
                    "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "2026-01"), () -> MessageSigning.accountSignatures(nextKey));
        }

        HttpResponse<String> order(String token, byte[] key) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Approov-Token", token, "Content-Type", "application/json"));
            AppInstallation.RequestSigner signer = device.request("POST", server.uri("orders")).header("Approov-Token", token)
                    .body(ORDER);
            headers.putAll(key == null ? signer.sign().headers() : signer.signWithAccountKey(key).headers());
            List<String> pairs = new ArrayList<>();
            headers.forEach((name, value) -> pairs.addAll(List.of(name, value)));
            return RawHttp.send(server.uri("orders"), "POST", ORDER, pairs.toArray(String[]::new));
        }

        @Test
        void aTokenWithoutIpkThatNamesAnAccountKeyNeedsItsSignatureWithEitherKeyOfTheRotation() throws Exception {
            HttpResponse<String> current = order(TOKENS.accountKeyId("2026-01").mint(), accountKey);
            assertEquals(201, current.statusCode(), current.body());
            assertEquals("{\"status\":\"accepted\",\"bytes\":31}", current.body());
            assertEquals(201, order(TOKENS.accountKeyId("2026-02").mint(), nextKey).statusCode());
            assertRefused(order(TOKENS.accountKeyId("2026-02").mint(), accountKey));
            assertRefused(order(TOKENS.accountKeyId("2025-12").mint(), accountKey));
            assertRefused(RawHttp.send(server.uri("orders"), "POST", ORDER, "Approov-Token",
                    TOKENS.accountKeyId("2026-01").mint(), "Content-Type", "application/json"));
            assertEquals(1, metrics.rejected(ApproovFailure.BAD_ACCOUNT_SIGNATURE));
            assertEquals(1, metrics.rejected(ApproovFailure.UNKNOWN_ACCOUNT_KEY_ID));
            assertEquals(1, metrics.rejected(ApproovFailure.MISSING_ACCOUNT_SIGNATURE));
        }

        @Test
        void aTokenWithIpkStillNeedsTheInstallationSignatureAndAFailOverTokenPassesAsTokenOnly() throws Exception {
            assertEquals("{\"status\":\"accepted\",\"bytes\":31}", order(token(null), null).body());
            HttpResponse<String> failOver = RawHttp.send(server.uri("orders"), "POST", ORDER, "Approov-Token",
                    TOKENS.mint(), "Content-Type", "application/json");
            assertEquals("{\"status\":\"held for review\",\"bytes\":31}", failOver.body());
        }
    }

    @Nested
    class MonitorModeForSignatures extends Served {
        @Override
        ApproovConfig config() {
            return SystemProperties.withTestSecret(MessageSigning::monitorSignatures);
        }

        @Test
        void onlyTheSignatureSwitchIsOff() {
            ApproovConfig config = config();
            assertFalse(config.abortOnInvalidMessageSignature());
            assertTrue(config.abortOnInvalidToken());
            assertTrue(config.abortOnInvalidBinding());
        }

        @Test
        void aBadOrMissingSignatureIsCountedAndTheOrderGoesOnWithoutClaims() throws Exception {
            String token = token(null);
            byte[] changed = "{\"shape\":\"Circle\",\"quantity\":9}".getBytes(UTF_8);
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Approov-Token", token));
            headers.putAll(device.request("POST", server.uri("orders")).header("Approov-Token", token).body(ORDER).sign()
                    .headers());
            headers.put("Content-Type", "application/json");
            List<String> pairs = new ArrayList<>();
            headers.forEach((name, value) -> pairs.addAll(List.of(name, value)));
            HttpResponse<String> tampered = RawHttp.send(server.uri("orders"), "POST", changed,
                    pairs.toArray(String[]::new));
            assertEquals(201, tampered.statusCode());
            assertEquals("{\"status\":\"held for review\",\"bytes\":31}", tampered.body());
            HttpResponse<String> unsigned = RawHttp.send(server.uri("orders"), "POST", ORDER, "Approov-Token", token,
                    "Content-Type", "application/json");
            assertEquals(201, unsigned.statusCode());
            assertEquals(1, metrics.rejected(ApproovFailure.CONTENT_DIGEST_MISMATCH));
            assertEquals(1, metrics.rejected(ApproovFailure.MISSING_MESSAGE_SIGNATURE));
        }

        @Test
        void aMissingTokenIsStillRefused() {
            assertRefused(RawHttp.send(server.uri("orders"), "POST", ORDER, "Content-Type", "application/json"));
        }

        @Test
        void aSignedOrderIsStillAcceptedAsSigned() throws Exception {
            HttpResponse<String> response = send("POST", server.uri("orders"), "orders",
                    Map.of("Approov-Token", token(null)), ORDER);
            assertEquals(201, response.statusCode());
            assertEquals("{\"status\":\"accepted\",\"bytes\":31}", response.body());
        }
    }

    @Nested
    class BodyLimit extends Served {
        @Override
        ApproovConfig config() {
            return SystemProperties.with(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                    "APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "31"), ApproovConfig::fromEnvironment);
        }

        @Test
        void aSignedBodyOverTheLimitGets413AndOneAtTheLimitPasses() throws Exception {
            String token = token(null);
            byte[] larger = "{\"shape\":\"Circle\",\"quantity\":10}".getBytes(UTF_8);
            HttpResponse<String> tooLarge = send("POST", server.uri("orders"), "orders",
                    Map.of("Approov-Token", token), larger);
            assertEquals(413, tooLarge.statusCode());
            assertEquals("{}", tooLarge.body());
            assertEquals(1, metrics.rejected(ApproovFailure.MESSAGE_BODY_TOO_LARGE));
            HttpResponse<String> atTheLimit = send("POST", server.uri("orders"), "orders",
                    Map.of("Approov-Token", token), ORDER);
            assertEquals(201, atTheLimit.statusCode());
        }
    }
}
