package io.github.approovjaxrs;

import static io.github.approovjaxrs.ApproovFeatureTest.assertOk;
import static io.github.approovjaxrs.ApproovFeatureTest.assertRefused;
import static io.github.approovjaxrs.TestSecret.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.MessageSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ApproovSigned} end to end in a real Jersey container (Grizzly, free loopback port): requests are
 * signed in the test with a generated P-256 key, over the URI the client calls, as Approov's SDK does.
 */
class ApproovSignedFeatureTest {

    static final AppInstallation DEVICE = AppInstallation.create();
    static final String BEARER = ApproovFeatureTest.BEARER;
    static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    /** What the resource saw: claim names, whether signed, and the body length it read. */
    static String seen(ContainerRequestContext request) {
        return ApproovFeature.claims(request)
                .map(c -> "claims:" + String.join(",", c.asMap().keySet()) + (c.isMessageSigned() ? " signed" : " unsigned"))
                .orElse("no claims");
    }

    @Path("signed")
    public static class SignedResource {
        @GET
        @ApproovSigned
        public String get(@Context ContainerRequestContext request) {
            return seen(request);
        }

        @POST
        @ApproovSigned
        @Consumes(MediaType.WILDCARD)
        public String post(byte[] body, @Context ContainerRequestContext request) {
            return seen(request) + " body:" + new String(body, StandardCharsets.UTF_8);
        }

        @GET
        @Path("items/{id}")
        @ApproovSigned
        public String item(@PathParam("id") String id, @Context ContainerRequestContext request) {
            return seen(request) + " id:" + id;
        }

        @GET
        @Path("all")
        @ApproovProtected
        @ApproovBound
        @ApproovSigned
        public String all(@Context ContainerRequestContext request) {
            return seen(request);
        }

        /** An order: each signed request is accepted once. */
        @POST
        @Path("orders")
        @ApproovSigned(singleUse = true)
        @Consumes(MediaType.WILDCARD)
        public String order(byte[] body, @Context ContainerRequestContext request) {
            return seen(request) + " order:" + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Every method single-use, by the class's annotation; the method's own {@code @ApproovSigned} says no more. */
    @Path("single-use")
    @ApproovSigned(singleUse = true)
    public static class SingleUseClass {
        @GET
        @ApproovSigned
        public String get(@Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    @Path("protected-class")
    @ApproovProtected
    public static class ProtectedClass {
        @GET
        @Path("signed")
        @ApproovSigned
        public String signed(@Context ContainerRequestContext request) {
            return seen(request);
        }
    }

    /** The Jersey server of {@link ApproovFeatureTest}, with the signed resources and these settings. */
    abstract static class SignedServer extends ApproovFeatureTest.ServerTest {

        abstract UnaryOperator<ApproovConfig.Builder> settings();

        @Override
        ResourceConfig application() {
            return new ResourceConfig(SignedResource.class, ProtectedClass.class, SingleUseClass.class)
                    .register(feature(settings().apply(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false))).build());
        }

        @Override
        ApproovFeature.Builder feature(ApproovConfig.Builder config) {
            ReplayStore store = replayStore();
            return store == null ? super.feature(config) : super.feature(config).replayStore(store);
        }

        /** The replay store of single-use endpoints; null: the configuration's (in memory). */
        ReplayStore replayStore() {
            return null;
        }

        /** Sends {@code method} to {@code path} with a new token carrying the device's ipk, signed as the SDK signs. */
        HttpResponse<String> signed(String method, String path, byte[] body, String... extraHeaders) {
            return send(method, path, path, body, token(), extraHeaders);
        }

        /** Signs for {@code signedPath} (and the headers given) but sends to {@code sentPath}. */
        HttpResponse<String> send(String method, String signedPath, String sentPath, byte[] body, String token,
                String... extraHeaders) {
            return RawHttp.send(server.uri(sentPath), method, body, signedHeaders(method, signedPath, body, token, extraHeaders));
        }

        /** The header lines (name, value, ...) of a request to {@code path} signed as the SDK signs it. */
        String[] signedHeaders(String method, String path, byte[] body, String token, String... extraHeaders) {
            AppInstallation.RequestSigner signer = DEVICE.request(method, server.uri(path)).header("Approov-Token", token);
            List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
            for (int i = 0; i < extraHeaders.length; i += 2) {
                signer.header(extraHeaders[i], extraHeaders[i + 1]);
                headers.add(extraHeaders[i]);
                headers.add(extraHeaders[i + 1]);
            }
            if (body != null) {
                signer.body(body);
            }
            signer.sign().headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
            return headers.toArray(String[]::new);
        }

        /** A new token (its own device id) carrying the device's key as ipk. */
        String token() {
            return TOKENS.installationKey(DEVICE.publicKey()).mint();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Enforcing extends SignedServer {
        @Override
        UnaryOperator<ApproovConfig.Builder> settings() {
            return c -> c.maxBodyBytes(64);
        }

        @Test
        void aSignedGetIsAcceptedAndTheResourceKnowsItWasSigned() {
            assertOk(signed("GET", "signed", null), "claims:exp,iat,did,ip,ipk signed");
            assertEquals(List.of("accepted GET /signed"), recorder.events);
        }

        @Test
        void theAndroidSpellingOfTheSignatureIsAcceptedToo() {
            String token = token();
            MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token).sign();
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                    "Signature", signed.signatureAsString()), "claims:exp,iat,did,ip,ipk signed");
        }

        @Test
        void aTokenWithoutIpkPassesAsTokenOnly() {
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", TOKENS.mint()), "claims:exp,iat,did,ip unsigned");
        }

        @Test
        void anIpkTokenWithoutASignatureIsRefused() {
            assertRefused(RawHttp.get(server.uri("signed"), "Approov-Token", token()));
            assertEquals(List.of("rejected GET /signed missing_message_signature"), recorder.events);
        }

        @Test
        void theTokenIsJudgedFirst() {
            assertRefused(RawHttp.get(server.uri("signed")));
            assertEquals(List.of("rejected GET /signed missing_token"), recorder.events);
        }

        @Test
        void aSignatureForAnotherRequestIsRefused() {
            assertRefused(send("GET", "signed/items/1", "signed/items/2", null, token()));
            MessageSignature forOtherToken = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token()).sign();
            String lifted = TOKENS.installationKey(DEVICE.publicKey()).deviceId("another").mint();
            assertRefused(RawHttp.get(server.uri("signed"), "Approov-Token", lifted, "Signature-Input",
                    forOtherToken.signatureInput(), "Signature", forOtherToken.signature()));
            assertEquals(List.of("rejected GET /signed/items/2 bad_message_signature",
                    "rejected GET /signed bad_message_signature"), recorder.events);
        }

        @Test
        void aSignedPostWithItsDigestReachesTheResourceWithItsBody() {
            assertOk(signed("POST", "signed", BODY, "Content-Type", "application/json"),
                    "claims:exp,iat,did,ip,ipk signed body:{\"hello\":\"world\"}");
        }

        @Test
        void aPostWhoseBodyChangedIsRefused() {
            String token = token();
            MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "POST")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token)
                    .cover("content-digest", MessageSignature.contentDigest(BODY)).sign();
            HttpResponse<String> response = RawHttp.send(server.uri("signed"), "POST",
                    "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8), "Approov-Token", token,
                    "Content-Digest", MessageSignature.contentDigest(BODY), "Signature-Input", signed.signatureInput(),
                    "Signature", signed.signature());
            assertRefused(response);
            assertEquals(List.of("rejected POST /signed content_digest_mismatch"), recorder.events);
        }

        @Test
        void aBodyOverTheLimitGets413AndTheResourceNeverRuns() {
            HttpResponse<String> response = signed("POST", "signed", new byte[65]);
            assertEquals(413, response.statusCode());
            assertEquals("{}", response.body());
            assertEquals(List.of("rejected POST /signed message_body_too_large"), recorder.events);
            assertOk(signed("POST", "signed", new byte[64]), "claims:exp,iat,did,ip,ipk signed body:" + new String(new byte[64],
                    StandardCharsets.UTF_8));
        }

        @Test
        void percentEncodedPathsAndQueriesAreSignedRaw() {
            String path = "signed/items/a%20b%2Bc?q=%41%2B+b&r=%C3%A9";
            assertOk(signed("GET", path, null), "claims:exp,iat,did,ip,ipk signed id:a b+c");
            assertRefused(send("GET", "signed/items/a%20b%2Bc?q=A%2B+b&r=%C3%A9", path, null, token()));
        }

        @Test
        void repeatedHeaderLinesAreCoveredJoinedInOrder() {
            String token = token();
            MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token)
                    .cover("x-device-info", "model=a, os=b").sign();
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", token, "X-Device-Info", "model=a",
                    "X-Device-Info", "os=b", "Signature-Input", signed.signatureInput(), "Signature", signed.signature()),
                    "claims:exp,iat,did,ip,ipk signed");
            assertRefused(RawHttp.get(server.uri("signed"), "Approov-Token", token, "X-Device-Info", "os=b",
                    "X-Device-Info", "model=a", "Signature-Input", signed.signatureInput(), "Signature", signed.signature()));
        }

        @Test
        void protectedBoundAndSignedCheckTokenBindingAndSignatureOnce() {
            String bound = TOKENS.installationKey(DEVICE.publicKey()).boundTo(BEARER).mint();
            assertOk(send("GET", "signed/all", "signed/all", null, bound, "Authorization", BEARER), "claims:exp,iat,did,ip,ipk,pay signed");
            assertRefused(send("GET", "signed/all", "signed/all", null, bound, "Authorization", "Bearer other"));
            assertRefused(send("GET", "signed/all", "signed/all", null, token(), "Authorization", BEARER));
            assertRefused(RawHttp.get(server.uri("signed/all"), "Approov-Token", bound, "Authorization", BEARER));
            assertEquals(List.of("accepted GET /signed/all", "rejected GET /signed/all binding_mismatch",
                    "rejected GET /signed/all missing_pay_claim", "rejected GET /signed/all missing_message_signature"),
                    recorder.events);
        }

        @Test
        void aSingleUseOrderIsAcceptedOnceAndItsReplayRefused() {
            String[] order = signedHeaders("POST", "signed/orders", BODY, token());
            assertOk(RawHttp.send(server.uri("signed/orders"), "POST", BODY, order),
                    "claims:exp,iat,did,ip,ipk signed order:{\"hello\":\"world\"}");
            assertRefused(RawHttp.send(server.uri("signed/orders"), "POST", BODY, order));
            assertEquals(List.of("accepted POST /signed/orders", "rejected POST /signed/orders replayed_message_signature"),
                    recorder.events);
        }

        @Test
        void aPlainSignedEndpointStillTakesTheSameRequestTwice() {
            String[] get = signedHeaders("GET", "signed", null, token());
            assertOk(RawHttp.send(server.uri("signed"), "GET", null, get), "claims:exp,iat,did,ip,ipk signed");
            assertOk(RawHttp.send(server.uri("signed"), "GET", null, get), "claims:exp,iat,did,ip,ipk signed");
        }

        @Test
        void aClassMarkedSingleUseMakesItsSignedMethodsSingleUse() {
            String[] get = signedHeaders("GET", "single-use", null, token());
            assertOk(RawHttp.send(server.uri("single-use"), "GET", null, get), "claims:exp,iat,did,ip,ipk signed");
            assertRefused(RawHttp.send(server.uri("single-use"), "GET", null, get));
            assertEquals(List.of("accepted GET /single-use", "rejected GET /single-use replayed_message_signature"),
                    recorder.events);
        }

        @Test
        void aTokenWithoutIpkIsRefusedOnASingleUseEndpoint() {
            assertRefused(RawHttp.send(server.uri("signed/orders"), "POST", BODY, "Approov-Token", TOKENS.mint()));
            assertEquals(List.of("rejected POST /signed/orders missing_installation_key"), recorder.events);
        }

        @Test
        void aSignedMethodInAProtectedClassIsCheckedOnce() {
            assertOk(signed("GET", "protected-class/signed", null), "claims:exp,iat,did,ip,ipk signed");
            assertRefused(RawHttp.get(server.uri("protected-class/signed"), "Approov-Token", token()));
            assertEquals(List.of("accepted GET /protected-class/signed",
                    "rejected GET /protected-class/signed missing_message_signature"), recorder.events);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MonitorMode extends SignedServer {
        @Override
        UnaryOperator<ApproovConfig.Builder> settings() {
            return c -> c.abortOnInvalidMessageSignature(false).abortOnInvalidToken(false).maxBodyBytes(8);
        }

        @Test
        void aBadSignatureIsLoggedAndLetThroughWithoutClaims() {
            assertOk(send("GET", "signed/items/1", "signed/items/2", null, token()), "no claims id:2");
            assertEquals(List.of("rejected GET /signed/items/2 bad_message_signature (monitor)"), recorder.events);
        }

        @Test
        void aFailedTokenLeavesTheSignatureUnjudged() {
            assertOk(RawHttp.get(server.uri("signed")), "no claims");
            assertEquals(List.of("rejected GET /signed missing_token (monitor)", "signature not checked GET /signed"),
                    recorder.events);
        }

        @Test
        void aBodyOverTheLimitStillReachesTheResourceWhole() {
            assertOk(signed("POST", "signed", BODY), "no claims body:{\"hello\":\"world\"}");
            assertEquals(List.of("rejected POST /signed message_body_too_large (monitor)"), recorder.events);
        }

        @Test
        void validRequestsStillGetSignedClaims() {
            assertOk(signed("GET", "signed", null), "claims:exp,iat,did,ip,ipk signed");
        }

        @Test
        void aReplayIsLoggedAndLetThroughWithoutClaims() {
            String[] order = signedHeaders("POST", "signed/orders", new byte[] {'1'}, token());
            assertOk(RawHttp.send(server.uri("signed/orders"), "POST", new byte[] {'1'}, order),
                    "claims:exp,iat,did,ip,ipk signed order:1");
            assertOk(RawHttp.send(server.uri("signed/orders"), "POST", new byte[] {'1'}, order), "no claims order:1");
            assertEquals(List.of("accepted POST /signed/orders",
                    "rejected POST /signed/orders replayed_message_signature (monitor)"), recorder.events);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StoreUnavailable extends SignedServer {
        @Override
        UnaryOperator<ApproovConfig.Builder> settings() {
            return c -> c;
        }

        @Override
        ReplayStore replayStore() {
            return new ReplayStore() {
                @Override
                public Outcome firstUse(byte[] key, Duration ttl) {
                    return Outcome.UNAVAILABLE;
                }

                @Override
                public String describe() {
                    return "down";
                }
            };
        }

        @Test
        void aSingleUseRequestGets503WithRetryAfterAndNeverReachesTheResource() {
            HttpResponse<String> response = RawHttp.send(server.uri("signed/orders"), "POST", BODY,
                    signedHeaders("POST", "signed/orders", BODY, token()));
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("{}", response.body());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("", response.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(List.of("rejected POST /signed/orders replay_store_unavailable"), recorder.events);
        }

        @Test
        void otherEndpointsNeverAskTheStore() {
            assertOk(signed("GET", "signed", null), "claims:exp,iat,did,ip,ipk signed");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BehindAProxy extends SignedServer {
        static final String ORIGIN = "https://api.example.com";

        @Override
        UnaryOperator<ApproovConfig.Builder> settings() {
            return c -> c.publicOrigin(ORIGIN);
        }

        @Test
        void thePublicOriginIsWhatClientsSign() {
            String token = token();
            MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                    .cover("@target-uri", ORIGIN + "/signed?a=1").cover("approov-token", token)
                    .cover("@authority", "api.example.com").sign();
            URI local = server.uri("signed?a=1");
            assertOk(RawHttp.get(local, "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                    "Signature", signed.signature()), "claims:exp,iat,did,ip,ipk signed");
        }

        @Test
        void theAddressTheServerSawNoLongerVerifies() {
            assertRefused(signed("GET", "signed", null));
            assertTrue(recorder.events.get(0).endsWith("bad_message_signature"), recorder.events.toString());
        }
    }
}
