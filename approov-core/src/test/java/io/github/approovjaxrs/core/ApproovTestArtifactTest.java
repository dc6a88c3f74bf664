package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.TestSecret.SECRET_BASE64;
import static io.github.approovjaxrs.core.TestSecret.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import io.github.approovjaxrs.testing.TestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * approov-test is written apart from the library, from Approov's documents and the RFCs; here the two meet:
 * what it mints and signs, the library's own check accepts with the claims it says, and what it spoils, the
 * check refuses for that reason alone. Users' tests rely on both.
 */
class ApproovTestArtifactTest {

    static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ApproovTokens.Builder TOKENS_NOW = TOKENS.clock(CLOCK);
    static final ApproovVerifier VERIFIER = verifier(ApproovConfig.builder().base64Secret(SECRET_BASE64));

    static ApproovVerifier verifier(ApproovConfig.Builder config) {
        return ApproovVerifier.create(config.loggingEnabled(false).clock(CLOCK).build());
    }

    @Test
    void anApproovLikeTokenIsAcceptedWithTheClaimsItCarries() {
        ApproovClaims claims = VERIFIER.verifyToken(TOKENS_NOW.deviceId("ExampleDevice==").mint()).claims().orElseThrow();
        assertEquals(List.of("exp", "iat", "did", "ip"), List.copyOf(claims.asMap().keySet()));
        assertEquals(NOW.plusSeconds(3600), claims.expiresAt());
        assertEquals(Optional.of("ExampleDevice=="), claims.deviceId());
    }

    @Test
    void expiredAndWronglySignedTokensFailForThatReasonAlone() {
        assertEquals(Optional.of(ApproovFailure.EXPIRED), VERIFIER.verifyToken(TOKENS_NOW.expired().mint()).failure());
        assertEquals(Optional.of(ApproovFailure.EXPIRED),
                VERIFIER.verifyToken(TOKENS_NOW.expiresAt(NOW).mint()).failure(), "exp equal to now");
        assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE),
                VERIFIER.verifyToken(TOKENS_NOW.withWrongSignature().mint()).failure());
        assertEquals(Optional.of(ApproovFailure.MISSING_EXPIRATION),
                VERIFIER.verifyToken(TOKENS_NOW.withoutClaim("exp").mint()).failure());
    }

    @Test
    void aBoundTokenPassesWithItsValueOnly() {
        String bound = TOKENS_NOW.boundTo("Bearer 0123456789abcdef").mint();
        assertTrue(VERIFIER.verifyToken(bound, "Bearer 0123456789abcdef").isAccepted());
        assertEquals(Optional.of(ApproovFailure.BINDING_MISMATCH), VERIFIER.verifyToken(bound, "Bearer other").failure());
        // Several values are hashed concatenated: the check of their concatenation accepts it.
        String twice = TOKENS_NOW.boundTo("Bearer 0123456789abcdef", "session-1").mint();
        assertTrue(VERIFIER.verifyToken(twice, "Bearer 0123456789abcdefsession-1").isAccepted());
    }

    @Test
    void oddClaimValuesArriveIntact() {
        String value = "quote \" backslash \\ newline \n tab \t nul \0 é 🙂";
        String token = TOKENS_NOW.claim("odd \"name\"", value).claimJson("aud", "[\"a\",\"b\"]").mint();
        assertEquals(Optional.of(value), VERIFIER.verifyToken(token).claims().orElseThrow().stringClaim("odd \"name\""));
    }

    @Test
    void theDummySecretInEitherSpellingSignsWhatAServerWithItAccepts() {
        ApproovVerifier dummy = verifier(ApproovConfig.builder().base64Secret(ApproovTokens.DUMMY_SECRET_BASE64));
        assertTrue(dummy.verifyToken(ApproovTokens.hs256(ApproovTokens.DUMMY_SECRET_BASE64URL).clock(CLOCK).mint())
                .isAccepted());
    }

    @Test
    void tokensSignedWithPrivateKeysPassUnderTheirPublicKeysAndKeyIds() {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");
        ApproovVerifier keys = verifier(ApproovConfig.builder().addPublicKey("RS256", "r", rsa.getPublic())
                .addPublicKey("PS256", "p", rsa.getPublic()).addPublicKey("ES256", "e", ec.getPublic()));
        for (String[] signer : new String[][] {{"RS256", "r"}, {"PS256", "p"}, {"ES256", "e"}}) {
            ApproovTokens.Builder tokens = ApproovTokens.signedWith(signer[0].equals("ES256") ? ec.getPrivate()
                    : rsa.getPrivate(), signer[0]).clock(CLOCK).keyId(signer[1]);
            assertTrue(keys.verifyToken(tokens.mint()).isAccepted(), signer[0]);
            assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE), keys.verifyToken(tokens.withWrongSignature().mint())
                    .failure(), signer[0]);
        }
    }

    @Test
    void requestsSignedAsTheSdkSignsThemAreAcceptedAsSigned() {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS_NOW.installationKey(device.publicKey()).mint();
        URI target = URI.create("https://api.example.com/v5/shapes?size=2");
        MessageSignature get = device.request("GET", target).header("Approov-Token", token).created(NOW).sign();
        assertSigned(signed("GET", target, token, get, null, null));
        ApproovRequest android = ApproovRequest.builder().method("GET").target(target).header("Approov-Token", token)
                .header("Signature-Input", get.signatureInput()).header("Signature", get.signatureAsString()).build();
        assertSigned(android);

        byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        MessageSignature post = device.request("POST", target).header("Approov-Token", token)
                .header("Authorization", "Bearer a").header("Content-Type", "application/json").body(body)
                .created(NOW).sign();
        assertSigned(signed("POST", target, token, post, "Bearer a", body));
        assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), VERIFIER.verifySigned(
                signed("POST", target, token, post, "Bearer a", "{\"hello\":\"World\"}".getBytes(StandardCharsets.UTF_8)))
                .failure());
        assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), VERIFIER.verifySigned(
                signed("POST", target, token, post, "Bearer b", body)).failure(), "Authorization is covered");
    }

    /** The request the signature was made for, with {@code authorization} and {@code body} when not null. */
    private static ApproovRequest signed(String method, URI target, String token, MessageSignature signature,
            String authorization, byte[] body) {
        ApproovRequest.Builder request = ApproovRequest.builder().method(method).target(target)
                .header("Approov-Token", token);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        signature.headers().forEach(request::header);
        return request.build();
    }

    private static void assertSigned(ApproovRequest request) {
        ApproovVerdict verdict = VERIFIER.verifySigned(request);
        assertEquals(Optional.empty(), verdict.failure());
        assertTrue(verdict.claims().orElseThrow().isMessageSigned());
    }
}
