package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExampleTokenTest {

    static final TestVerifier VERIFIER = TestVerifier.create(ApproovConfig.builder().base64Secret(TestTokens.SECRET_BASE64).loggingEnabled(false).build());
    static final Instant NOW = Instant.now();

    static String decodedSegment(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    @Test
    void looksLikeAnApproovToken() {
        String token = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600)).signWith(TestTokens.SECRET);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decodedSegment(token, 0));
        String payload = decodedSegment(token, 1);
        assertTrue(payload.matches("\\{\"exp\":" + (NOW.getEpochSecond() + 600) + ",\"iat\":" + NOW.getEpochSecond()
                + ",\"did\":\"[A-Za-z0-9+/]{22}==\",\"ip\":\"192\\.0\\.2\\.1\"}"), payload);
    }

    @Test
    void isAcceptedByTheVerifier() {
        TestVerifier.Verdict verdict = VERIFIER.verifyToken(
                ExampleToken.expiringAt(NOW, NOW.plusSeconds(600)).signWith(TestTokens.SECRET));
        ApproovClaims claims = verdict.claims().orElseThrow();
        assertEquals(Instant.ofEpochSecond(NOW.getEpochSecond() + 600), claims.expiresAt());
        assertTrue(claims.deviceId().isPresent());
    }

    @Test
    void eachTokenHasItsOwnDeviceId() {
        ExampleToken first = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600));
        ExampleToken second = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600));
        assertNotEquals(first.signWith(TestTokens.SECRET), second.signWith(TestTokens.SECRET));
    }

    @Test
    void aTokenWhoseExpIsPastIsExpired() {
        String token = ExampleToken.expiringAt(NOW.minusSeconds(600), NOW.minusSeconds(1)).signWith(TestTokens.SECRET);
        assertEquals(Optional.of(ApproovFailure.EXPIRED), VERIFIER.verifyToken(token).failure());
    }

    @Test
    void aBoundTokenCarriesPayOfTheWholeHeaderValue() {
        String token = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600)).boundTo("Bearer abc").signWith(TestTokens.SECRET);
        assertEquals(TestTokens.pay("Bearer abc"), VERIFIER.verifyToken(token).claims().orElseThrow().binding().orElseThrow());
        assertTrue(VERIFIER.verifyToken(token, "Bearer abc").isAccepted());
        assertEquals(Optional.of(ApproovFailure.BINDING_MISMATCH), VERIFIER.verifyToken(token, "abc").failure());
    }

    @Test
    void theWrongKeyFailsOnlyTheSignature() {
        String token = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600)).signWithWrongKey();
        assertEquals(Optional.of(ApproovFailure.BAD_SIGNATURE), VERIFIER.verifyToken(token).failure());
    }

    @Test
    void claimValuesAreEscapedAsJson() {
        String value = "quote \" backslash \\ newline \n tab \t nul \0 é 🙂";
        String token = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600))
                .claim("odd \"name\"", value).signWith(TestTokens.SECRET);
        ApproovClaims claims = VERIFIER.verifyToken(token).claims().orElseThrow();
        assertEquals(Optional.of(value), claims.stringClaim("odd \"name\""));
    }

    @Test
    void aClaimReplacesTheDefaultOfTheSameName() {
        String token = ExampleToken.expiringAt(NOW, NOW.plusSeconds(600)).claim("ip", "198.51.100.7")
                .signWith(TestTokens.SECRET);
        assertTrue(decodedSegment(token, 1).contains("\"ip\":\"198.51.100.7\""));
        assertEquals(1, decodedSegment(token, 1).split("\"ip\"").length - 1);
    }

    @Test
    void signsWithTheDummySecretAsTheQuickstartsDo() {
        TestVerifier dummy = TestVerifier.create(
                ApproovConfig.builder().base64Secret(TestTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).build());
        byte[] secret = Base64.getDecoder().decode(ApproovSettings.DUMMY_SECRET_BASE64);
        assertTrue(dummy.verifyToken(ExampleToken.expiringAt(NOW, NOW.plusSeconds(60)).signWith(secret)).isAccepted());
    }
}
