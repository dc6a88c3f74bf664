package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovSigned} end to end: signed GETs and POSTs whose body the resource reads after the filter read it
 * for the digest, bodies over the limit, raw paths and queries, repeated header lines, all three annotations.
 */
public class SignedEndpointsTest extends SignedRequests {

    static final String SIGNED_CLAIMS = "claims:exp,iat,did,ip,ipk did=device-1 signed by install";

    public SignedEndpointsTest() {
        super(Scenario.ENFORCING);
    }

    @Test
    void aSignedGetIsAcceptedAndTheResourceKnowsItWasSigned() {
        assertOk(signed("GET", "signed", null), SIGNED_CLAIMS);
        assertEquals(List.of("accepted GET /signed"), events());
    }

    @Test
    void theAndroidSpellingOfTheSignatureIsAcceptedToo() {
        String token = token();
        MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                .cover("@target-uri", uri("signed").toString()).cover("approov-token", token).sign();
        assertOk(RawHttp.get(uri("signed"), "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                "Signature", signed.signatureAsString()), SIGNED_CLAIMS);
    }

    @Test
    void aTokenWithoutIpkPassesAsTokenOnly() {
        assertOk(RawHttp.get(uri("signed"), "Approov-Token", TOKENS.mint()), ProtectionTest.CLAIMS);
    }

    @Test
    void anIpkTokenWithoutASignatureIsRefused() {
        assertRefused(RawHttp.get(uri("signed"), "Approov-Token", token()));
        assertEquals(List.of("rejected GET /signed missing_message_signature"), events());
    }

    @Test
    void theTokenIsJudgedFirst() {
        assertRefused(RawHttp.get(uri("signed")));
        assertEquals(List.of("rejected GET /signed missing_token"), events());
    }

    @Test
    void aSignatureForAnotherRequestIsRefused() {
        assertRefused(send("GET", "signed/items/1", "signed/items/2", null, token()));
        MessageSignature forOtherToken = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                .cover("@target-uri", uri("signed").toString()).cover("approov-token", token()).sign();
        String lifted = TOKENS.installationKey(DEVICE.publicKey()).deviceId("another").mint();
        assertRefused(RawHttp.get(uri("signed"), "Approov-Token", lifted, "Signature-Input", forOtherToken.signatureInput(),
                "Signature", forOtherToken.signature()));
        assertEquals(List.of("rejected GET /signed/items/2 bad_message_signature", "rejected GET /signed bad_message_signature"),
                events());
    }

    @Test
    void aSignedPostWithItsDigestReachesTheResourceWithItsBody() {
        assertOk(signed("POST", "signed", BODY, "Content-Type", "application/json"), SIGNED_CLAIMS + " body:{\"hello\":\"world\"}");
        assertEquals(List.of("accepted POST /signed"), events());
    }

    @Test
    void aPostWhoseBodyChangedIsRefused() {
        String token = token();
        MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "POST")
                .cover("@target-uri", uri("signed").toString()).cover("approov-token", token)
                .cover("content-digest", MessageSignature.contentDigest(BODY)).sign();
        HttpResponse<String> response = RawHttp.send(uri("signed"), "POST",
                "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8), "Approov-Token", token,
                "Content-Digest", MessageSignature.contentDigest(BODY), "Signature-Input", signed.signatureInput(),
                "Signature", signed.signature());
        assertRefused(response);
        assertEquals(List.of("rejected POST /signed content_digest_mismatch"), events());
    }

    @Test
    void aBodyOverTheLimitGets413AndTheResourceNeverRuns() {
        HttpResponse<String> response = signed("POST", "signed", new byte[65]);
        assertEquals(413, response.statusCode());
        assertEquals("{}", response.body());
        assertEquals(List.of("rejected POST /signed message_body_too_large"), events());
        assertOk(signed("POST", "signed", new byte[64]), SIGNED_CLAIMS + " body:" + new String(new byte[64], StandardCharsets.UTF_8));
    }

    @Test
    void percentEncodedPathsAndQueriesAreSignedRaw() {
        String path = "signed/items/a%20b%2Bc?q=%41%2B+b&r=%C3%A9";
        assertOk(signed("GET", path, null), SIGNED_CLAIMS + " id:a b+c");
        assertRefused(send("GET", "signed/items/a%20b%2Bc?q=A%2B+b&r=%C3%A9", path, null, token()));
    }

    @Test
    void repeatedHeaderLinesAreCoveredJoinedInOrder() {
        String token = token();
        MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                .cover("@target-uri", uri("signed").toString()).cover("approov-token", token)
                .cover("x-device-info", "model=a, os=b").sign();
        assertOk(RawHttp.get(uri("signed"), "Approov-Token", token, "X-Device-Info", "model=a", "X-Device-Info", "os=b",
                "Signature-Input", signed.signatureInput(), "Signature", signed.signature()), SIGNED_CLAIMS);
        assertRefused(RawHttp.get(uri("signed"), "Approov-Token", token, "X-Device-Info", "os=b", "X-Device-Info", "model=a",
                "Signature-Input", signed.signatureInput(), "Signature", signed.signature()));
    }

    @Test
    void protectedBoundAndSignedCheckTokenBindingAndSignatureOnce() {
        String bound = TOKENS.installationKey(DEVICE.publicKey()).boundTo(BEARER).mint();
        assertOk(send("GET", "signed/all", "signed/all", null, bound, "Authorization", BEARER), "claims:exp,iat,did,ip,ipk,pay did=device-1 signed by install");
        assertRefused(send("GET", "signed/all", "signed/all", null, bound, "Authorization", "Bearer other"));
        assertRefused(send("GET", "signed/all", "signed/all", null, token(), "Authorization", BEARER));
        assertRefused(RawHttp.get(uri("signed/all"), "Approov-Token", bound, "Authorization", BEARER));
        assertEquals(List.of("accepted GET /signed/all", "rejected GET /signed/all binding_mismatch",
                "rejected GET /signed/all missing_pay_claim", "rejected GET /signed/all missing_message_signature"), events());
    }

    @Test
    void aSignedMethodInAProtectedClassIsCheckedOnce() {
        assertOk(signed("GET", "protected-class/signed", null), SIGNED_CLAIMS);
        assertRefused(RawHttp.get(uri("protected-class/signed"), "Approov-Token", token()));
        assertEquals(List.of("accepted GET /protected-class/signed",
                "rejected GET /protected-class/signed missing_message_signature"), events());
    }

    @Test
    void aSignedPostBoundToItsAuthorizationAndDigestChecksBindingThenSignatureOnce() {
        String digest = MessageSignature.contentDigest(BODY);
        String bound = TOKENS.installationKey(DEVICE.publicKey()).boundTo(BEARER, digest).mint();
        assertOk(send("POST", "signed/double-bound", "signed/double-bound", BODY, bound, "Authorization", BEARER),
                "claims:exp,iat,did,ip,ipk,pay did=device-1 signed by install body:{\"hello\":\"world\"}");
        assertRefused(send("POST", "signed/double-bound", "signed/double-bound", BODY,
                TOKENS.installationKey(DEVICE.publicKey()).boundTo(BEARER).mint(), "Authorization", BEARER));
        assertRefused(send("POST", "signed/double-bound", "signed/double-bound", BODY, bound, "Authorization", "Bearer other"));
        // The binding to Content-Digest is only as good as the digest: a changed body under the bound digest fails.
        MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "POST")
                .cover("@target-uri", uri("signed/double-bound").toString()).cover("approov-token", bound)
                .cover("authorization", BEARER).cover("content-digest", digest).sign();
        assertRefused(RawHttp.send(uri("signed/double-bound"), "POST", "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8),
                "Approov-Token", bound, "Authorization", BEARER, "Content-Digest", digest, "Signature-Input",
                signed.signatureInput(), "Signature", signed.signature()));
        assertRefused(RawHttp.send(uri("signed/double-bound"), "POST", BODY, "Approov-Token", bound, "Authorization", BEARER,
                "Content-Digest", digest));
        assertEquals(List.of("accepted POST /signed/double-bound", "rejected POST /signed/double-bound binding_mismatch",
                "rejected POST /signed/double-bound binding_mismatch", "rejected POST /signed/double-bound content_digest_mismatch",
                "rejected POST /signed/double-bound missing_message_signature"), events());
    }
}
