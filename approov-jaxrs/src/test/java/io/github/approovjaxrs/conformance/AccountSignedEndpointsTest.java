package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovSigned} with an account message-signing key configured: a token without ipk that names the key
 * ({@code mskid}) needs Approov's account signature (label {@code account}, HMAC-SHA256) over the request, as
 * behind the TLS proxy of the signing scenario; the resource learns which signatures verified; an endpoint bound to
 * its {@code Authorization} and {@code Content-Digest} checks the binding and the account signature once.
 */
public class AccountSignedEndpointsTest extends SignedRequests {

    static final String ACCOUNT_CLAIMS = "claims:exp,iat,did,ip,mskid did=device-1 signed by account";

    public AccountSignedEndpointsTest() {
        super(Scenario.ACCOUNT);
    }

    @Test
    void aGetAccountSignedAsTheSdkSignsItIsAcceptedAndTheResourceKnowsWhichSignature() {
        String token = accountToken();
        assertOk(send("GET", "signed", null, token, signer("GET", "signed", token).signWithAccountKey(AttackMatrix.ACCOUNT_KEY)),
                ACCOUNT_CLAIMS);
        assertEquals(List.of("accepted GET /signed"), events());
    }

    @Test
    void anAccountSignedPostWithItsDigestReachesTheResourceWithItsBody() {
        String token = accountToken();
        assertOk(send("POST", "signed", BODY, token, signer("POST", "signed", token).body(BODY)
                .signWithAccountKey(AttackMatrix.ACCOUNT_KEY)), ACCOUNT_CLAIMS + " body:{\"hello\":\"world\"}");
        assertEquals(List.of("accepted POST /signed"), events());
    }

    @Test
    void everyWayAroundTheAccountSignatureIsRefusedForItsReason() {
        String token = accountToken();
        assertRefused(RawHttp.get(uri("signed"), "Approov-Token", token));
        assertRefused(send("GET", "signed", null, token, signer("GET", "signed", token).sign()));
        assertRefused(send("GET", "signed", null, token, signer("GET", "signed", token)
                .signWithAccountKey(AttackMatrix.ATTACKER_ACCOUNT_KEY)));
        assertRefused(send("GET", "signed/items/1", null, token, signer("GET", "signed", token)
                .signWithAccountKey(AttackMatrix.ACCOUNT_KEY)));
        String unknown = TOKENS.accountKeyId("msk-2027").mint();
        assertRefused(send("GET", "signed", null, unknown, signer("GET", "signed", unknown)
                .signWithAccountKey(AttackMatrix.ACCOUNT_KEY)));
        MessageSignature forBody = signer("POST", "signed", token).body(BODY).signWithAccountKey(AttackMatrix.ACCOUNT_KEY);
        assertRefused(send("POST", "signed", "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8), token, forBody));
        assertEquals(List.of("rejected GET /signed missing_account_signature", "rejected GET /signed missing_account_signature",
                "rejected GET /signed bad_account_signature", "rejected GET /signed/items/1 bad_account_signature",
                "rejected GET /signed unknown_account_key_id", "rejected POST /signed content_digest_mismatch"), events());
    }

    @Test
    void anIpkTokenIsJudgedByItsInstallationSignatureWhateverTheAccountOneSays() {
        String both = TOKENS.installationKey(DEVICE.publicKey()).accountKeyId(AttackMatrix.ACCOUNT_KEY_ID).mint();
        AppInstallation.RequestSigner signer = signer("GET", "signed", both);
        assertOk(send("GET", "signed", null, both, MessageSignature.combinedHeaders(signer.sign(),
                signer.signWithAccountKey(AttackMatrix.ACCOUNT_KEY))), "claims:exp,iat,did,ip,ipk,mskid did=device-1 signed by install");
        assertRefused(send("GET", "signed", null, both, signer.signWithAccountKey(AttackMatrix.ACCOUNT_KEY)));
        assertEquals(List.of("accepted GET /signed", "rejected GET /signed missing_message_signature"), events());
    }

    @Test
    void aFailOverTokenPassesAsTokenOnly() {
        assertOk(RawHttp.get(uri("signed"), "Approov-Token", TOKENS.mint()), ProtectionTest.CLAIMS);
    }

    @Test
    void anAccountSignedPostBoundToItsAuthorizationAndDigestIsCheckedOnce() {
        String digest = MessageSignature.contentDigest(BODY);
        String token = TOKENS.accountKeyId(AttackMatrix.ACCOUNT_KEY_ID).boundTo(BEARER, digest).mint();
        MessageSignature signature = signer("POST", "signed/double-bound", token).header("Authorization", BEARER).body(BODY)
                .signWithAccountKey(AttackMatrix.ACCOUNT_KEY);
        assertOk(send("POST", "signed/double-bound", BODY, token, signature, "Authorization", BEARER),
                "claims:exp,iat,did,ip,mskid,pay did=device-1 signed by account body:{\"hello\":\"world\"}");
        assertRefused(send("POST", "signed/double-bound", BODY, token, signature, "Authorization", "Bearer other"));
        assertRefused(send("POST", "signed/double-bound", BODY, accountToken(), signer("POST", "signed/double-bound",
                accountToken()).header("Authorization", BEARER).body(BODY).signWithAccountKey(AttackMatrix.ACCOUNT_KEY),
                "Authorization", BEARER));
        assertEquals(List.of("accepted POST /signed/double-bound", "rejected POST /signed/double-bound binding_mismatch",
                "rejected POST /signed/double-bound missing_pay_claim"), events());
    }

    /** A token without ipk naming the scenario's account key. */
    static String accountToken() {
        return TOKENS.accountKeyId(AttackMatrix.ACCOUNT_KEY_ID).mint();
    }

    /** Signs {@code method} of {@code path} at the public origin, as the SDK behind the proxy does, with the token. */
    static AppInstallation.RequestSigner signer(String method, String path, String token) {
        return DEVICE.request(method, URI.create(AttackMatrix.SIGNED_ORIGIN + "/" + path)).header("Approov-Token", token);
    }

    /** Sends {@code method} to {@code path} with the token, the signature's fields and {@code more} headers. */
    HttpResponse<String> send(String method, String path, byte[] body, String token, MessageSignature signature,
            String... more) {
        return send(method, path, body, token, signature.headers(), more);
    }

    HttpResponse<String> send(String method, String path, byte[] body, String token, java.util.Map<String, String> fields,
            String... more) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        fields.forEach((name, value) -> headers.addAll(List.of(name, value)));
        headers.addAll(List.of(more));
        return RawHttp.send(uri(path), method, body, headers.toArray(String[]::new));
    }
}
