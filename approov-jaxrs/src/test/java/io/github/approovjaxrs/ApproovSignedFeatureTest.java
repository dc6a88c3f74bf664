package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.TestTokens;
import io.github.approovjaxrs.testing.TestSignatures;
import static io.github.approovjaxrs.ApproovFeatureTest.assertOk;
import static io.github.approovjaxrs.ApproovFeatureTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.security.KeyPair;
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

    static final KeyPair DEVICE = TestSignatures.installationKeyPair();
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
            return new ResourceConfig(SignedResource.class, ProtectedClass.class)
                    .register(feature(settings().apply(ApproovConfig.builder().base64Secret(TestTokens.SECRET_BASE64).loggingEnabled(false))).build());
        }

        /** Sends {@code method} to {@code path} with a token carrying the device's ipk, signed as the SDK signs. */
        HttpResponse<String> signed(String method, String path, byte[] body, String... extraHeaders) {
            return send(method, path, path, body, token(), extraHeaders);
        }

        /** Signs for {@code signedPath} (and the headers given) but sends to {@code sentPath}. */
        HttpResponse<String> send(String method, String signedPath, String sentPath, byte[] body, String token,
                String... extraHeaders) {
            TestSignatures.Builder signature = TestSignatures.with(DEVICE.getPrivate())
                    .cover("@method", method).cover("@target-uri", server.uri(signedPath).toString())
                    .cover("approov-token", token);
            List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
            for (int i = 0; i < extraHeaders.length; i += 2) {
                headers.add(extraHeaders[i]);
                headers.add(extraHeaders[i + 1]);
            }
            if (body != null) {
                String digest = TestSignatures.contentDigest(body);
                signature.cover("content-digest", digest);
                headers.addAll(List.of("Content-Digest", digest));
            }
            TestSignatures.Signed signed = signature.sign();
            headers.addAll(List.of(signed.headers()));
            return RawHttp.send(server.uri(sentPath), method, body, headers.toArray(String[]::new));
        }

        String token() {
            return TestSignatures.tokenWithIpk(DEVICE.getPublic(), "");
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
            assertOk(signed("GET", "signed", null), "claims:exp,ipk signed");
            assertEquals(List.of("accepted GET /signed"), recorder.events);
        }

        @Test
        void theAndroidSpellingOfTheSignatureIsAcceptedToo() {
            String token = token();
            TestSignatures.Signed signed = TestSignatures.with(DEVICE.getPrivate()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token).sign();
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                    "Signature", signed.signatureAsString()), "claims:exp,ipk signed");
        }

        @Test
        void aTokenWithoutIpkPassesAsTokenOnly() {
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", TestTokens.valid()), "claims:exp unsigned");
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
            TestSignatures.Signed forOtherToken = TestSignatures.with(DEVICE.getPrivate()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token()).sign();
            String lifted = TestSignatures.tokenWithIpk(DEVICE.getPublic(), "\"did\":\"another\"");
            assertRefused(RawHttp.get(server.uri("signed"), "Approov-Token", lifted, forOtherToken.headers()[0],
                    forOtherToken.headers()[1], forOtherToken.headers()[2], forOtherToken.headers()[3]));
            assertEquals(List.of("rejected GET /signed/items/2 bad_message_signature",
                    "rejected GET /signed bad_message_signature"), recorder.events);
        }

        @Test
        void aSignedPostWithItsDigestReachesTheResourceWithItsBody() {
            assertOk(signed("POST", "signed", BODY, "Content-Type", "application/json"),
                    "claims:exp,ipk signed body:{\"hello\":\"world\"}");
        }

        @Test
        void aPostWhoseBodyChangedIsRefused() {
            TestSignatures.Signed signed = TestSignatures.with(DEVICE.getPrivate()).cover("@method", "POST")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token())
                    .cover("content-digest", TestSignatures.contentDigest(BODY)).sign();
            HttpResponse<String> response = RawHttp.send(server.uri("signed"), "POST",
                    "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8), "Approov-Token", token(),
                    "Content-Digest", TestSignatures.contentDigest(BODY), "Signature-Input", signed.signatureInput(),
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
            assertOk(signed("POST", "signed", new byte[64]), "claims:exp,ipk signed body:" + new String(new byte[64],
                    StandardCharsets.UTF_8));
        }

        @Test
        void percentEncodedPathsAndQueriesAreSignedRaw() {
            String path = "signed/items/a%20b%2Bc?q=%41%2B+b&r=%C3%A9";
            assertOk(signed("GET", path, null), "claims:exp,ipk signed id:a b+c");
            assertRefused(send("GET", "signed/items/a%20b%2Bc?q=A%2B+b&r=%C3%A9", path, null, token()));
        }

        @Test
        void repeatedHeaderLinesAreCoveredJoinedInOrder() {
            String token = token();
            TestSignatures.Signed signed = TestSignatures.with(DEVICE.getPrivate()).cover("@method", "GET")
                    .cover("@target-uri", server.uri("signed").toString()).cover("approov-token", token)
                    .cover("x-device-info", "model=a, os=b").sign();
            assertOk(RawHttp.get(server.uri("signed"), "Approov-Token", token, "X-Device-Info", "model=a",
                    "X-Device-Info", "os=b", "Signature-Input", signed.signatureInput(), "Signature", signed.signature()),
                    "claims:exp,ipk signed");
            assertRefused(RawHttp.get(server.uri("signed"), "Approov-Token", token, "X-Device-Info", "os=b",
                    "X-Device-Info", "model=a", "Signature-Input", signed.signatureInput(), "Signature", signed.signature()));
        }

        @Test
        void protectedBoundAndSignedCheckTokenBindingAndSignatureOnce() {
            String bound = TestSignatures.tokenWithIpk(DEVICE.getPublic(), "\"pay\":\"" + TestTokens.pay(BEARER) + "\"");
            assertOk(send("GET", "signed/all", "signed/all", null, bound, "Authorization", BEARER), "claims:exp,ipk,pay signed");
            assertRefused(send("GET", "signed/all", "signed/all", null, bound, "Authorization", "Bearer other"));
            assertRefused(send("GET", "signed/all", "signed/all", null, token(), "Authorization", BEARER));
            assertRefused(RawHttp.get(server.uri("signed/all"), "Approov-Token", bound, "Authorization", BEARER));
            assertEquals(List.of("accepted GET /signed/all", "rejected GET /signed/all binding_mismatch",
                    "rejected GET /signed/all missing_pay_claim", "rejected GET /signed/all missing_message_signature"),
                    recorder.events);
        }

        @Test
        void aSignedMethodInAProtectedClassIsCheckedOnce() {
            assertOk(signed("GET", "protected-class/signed", null), "claims:exp,ipk signed");
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
            assertOk(signed("GET", "signed", null), "claims:exp,ipk signed");
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
            TestSignatures.Signed signed = TestSignatures.with(DEVICE.getPrivate()).cover("@method", "GET")
                    .cover("@target-uri", ORIGIN + "/signed?a=1").cover("approov-token", token)
                    .cover("@authority", "api.example.com").sign();
            URI local = server.uri("signed?a=1");
            assertOk(RawHttp.get(local, "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                    "Signature", signed.signature()), "claims:exp,ipk signed");
        }

        @Test
        void theAddressTheServerSawNoLongerVerifies() {
            assertRefused(signed("GET", "signed", null));
            assertTrue(recorder.events.get(0).endsWith("bad_message_signature"), recorder.events.toString());
        }
    }
}
