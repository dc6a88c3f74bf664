package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's one departure from the library: the dummy secret when, and only when, none is configured. */
class ApproovSettingsTest {

    static ApproovSettings read(String... nameValuePairs) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            environment.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return ApproovSettings.read(environment::get);
    }

    @Test
    void theDummySecretIsApproovsPublishedOne() {
        assertEquals(ApproovTokens.DUMMY_SECRET_BASE64, ApproovSettings.DUMMY_SECRET_BASE64);
    }

    @Test
    void noSecretFallsBackToTheDummySecret() {
        ApproovSettings settings = read();
        assertEquals(ApproovSettings.SecretSource.DUMMY_FALLBACK, settings.source());
        assertTrue(settings.usesPublicDummySecret());
        assertArrayEquals(Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64), settings.secret().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankSecretCountsAsNoneAsInTheLibrary(String blank) {
        assertEquals(ApproovSettings.SecretSource.DUMMY_FALLBACK, read("APPROOV_BASE64_SECRET", blank).source());
    }

    @Test
    void theFallbackKeepsTheOtherSettings() {
        ApproovSettings settings = read("APPROOV_TOKEN_HEADER_NAME", "X-Approov", "APPROOV_CLOCK_SKEW_SECONDS", "30");
        assertEquals("X-Approov", settings.config().tokenHeaderName());
        assertEquals(30, settings.config().clockSkew().toSeconds());
    }

    @Test
    void theFallbackStillRefusesOtherInvalidSettings() {
        ApproovConfigurationException thrown = assertThrows(ApproovConfigurationException.class,
                () -> read("APPROOV_CLOCK_SKEW_SECONDS", "-1"));
        assertTrue(thrown.getMessage().contains("APPROOV_CLOCK_SKEW_SECONDS"), thrown.getMessage());
    }

    @Test
    void aConfiguredSecretIsUsedAndNotPrinted() {
        ApproovSettings settings = read("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        assertEquals(ApproovSettings.SecretSource.CONFIGURED, settings.source());
        assertFalse(settings.usesPublicDummySecret());
        assertArrayEquals(TestSecret.SECRET, settings.secret().orElseThrow());
        assertFalse(settings.toString().contains(TestSecret.SECRET_BASE64.substring(0, 12)), settings.toString());
    }

    @Test
    void theDemoGeneratesAnAccountKeyPerRunOnlyWhenNoneIsConfiguredAndTheSecretIsTheDummy() {
        ApproovSettings demo = read();
        ApproovSettings again = read();
        assertTrue(demo.accountKeyGenerated());
        assertEquals(32, demo.accountKey().orElseThrow().length);
        assertFalse(java.util.Arrays.equals(demo.accountKey().orElseThrow(), again.accountKey().orElseThrow()));
        assertEquals("demo", demo.accountKeyId());
        assertTrue(read("APPROOV_BASE64_SECRET", ApproovTokens.DUMMY_SECRET_BASE64).accountKeyGenerated());
        ApproovSettings real = read("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        assertTrue(real.accountKey().isEmpty());
        assertFalse(real.accountKeyGenerated());
        byte[] key = "configured-account-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ApproovSettings configured = read("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", Base64.getEncoder().encodeToString(key),
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-1");
        assertArrayEquals(key, configured.accountKey().orElseThrow());
        assertFalse(configured.accountKeyGenerated());
        assertEquals("msk-1", configured.accountKeyId());
        assertFalse(configured.toString().contains(Base64.getEncoder().encodeToString(key).substring(0, 12)));
    }

    @Test
    void theDummySecretConfiguredOnPurposeIsStillThePublicOne() {
        ApproovSettings settings = read("APPROOV_BASE64_SECRET", " " + ApproovTokens.DUMMY_SECRET_BASE64 + " ");
        assertEquals(ApproovSettings.SecretSource.DUMMY_CONFIGURED, settings.source());
        assertTrue(settings.usesPublicDummySecret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "YWJj", "h-CX0tOzdAAR9l15bWAqvq7w9olk66daIH-Xk-IAHhVVHszjDzeGobzNnqyRze3lw_WVyWrc2gZfh3XXfBOmww"})
    void anInvalidSecretNeverFallsBack(String invalid) {
        ApproovConfigurationException thrown = assertThrows(ApproovConfigurationException.class,
                () -> read("APPROOV_BASE64_SECRET", invalid));
        assertTrue(thrown.getMessage().contains("APPROOV_BASE64_SECRET") || thrown.getMessage().contains("32"),
                thrown.getMessage());
        assertFalse(thrown.getMessage().contains(invalid), thrown.getMessage());
    }

    @Test
    void theBase64UrlSecretOfApproovsCurrentQuickstartsIsTheAccountSecret() {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET);
        ApproovSettings settings = read("APPROOV_BASE64URL_SECRET", url);
        assertEquals(ApproovSettings.SecretSource.CONFIGURED, settings.source());
        assertArrayEquals(TestSecret.SECRET, settings.secret().orElseThrow());
        assertArrayEquals(TestSecret.SECRET, read("APPROOV_BASE64URL_SECRET", url + "=",
                "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64).secret().orElseThrow(), "both, padded: one secret");
        assertEquals(ApproovSettings.SecretSource.DUMMY_CONFIGURED,
                read("APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL).source());
    }

    @Test
    void twoDifferentSecretsStopTheDemoRatherThanPickingOne() {
        ApproovConfigurationException thrown = assertThrows(ApproovConfigurationException.class,
                () -> read("APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL,
                        "APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64));
        assertTrue(thrown.getMessage().contains("APPROOV_BASE64_SECRET (base64Secret) and APPROOV_BASE64URL_SECRET"),
                thrown.getMessage());
        assertFalse(thrown.getMessage().contains(TestSecret.SECRET_BASE64.substring(0, 12)), thrown.getMessage());
    }

    @Test
    void aBase64UrlSecretInTheOldVariableStopsTheDemoSayingWhereItBelongs() {
        // What a new user following Approov's current documentation did: "not valid base64", and now why.
        ApproovConfigurationException thrown = assertThrows(ApproovConfigurationException.class,
                () -> read("APPROOV_BASE64_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL));
        assertTrue(thrown.getMessage().contains("set APPROOV_BASE64URL_SECRET to it instead"), thrown.getMessage());
    }
}
