package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account message-signing settings: the secret in base64url or base64 (Approov's Node quickstart's names),
 * its key id, more keys for rotation, and whether every signed request needs the account signature; validated
 * at build time with messages that never show a secret.
 */
class AccountSigningConfigTest {

    /** 48 bytes whose base64 has "+" and "/", so the two encodings differ. */
    static final byte[] SECRET = Base64.getDecoder().decode("++//AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKiss");
    static final String BASE64URL = Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET);
    static final String BASE64 = Base64.getEncoder().encodeToString(SECRET);
    static final byte[] SHORT = "31-bytes-31-bytes-31-bytes-31-b".getBytes(StandardCharsets.US_ASCII);

    static ApproovConfig fromEnv(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        return ApproovConfig.fromEnvironment(env::get);
    }

    static String problem(Map<String, String> settings) {
        return assertThrows(ApproovConfigurationException.class, () -> fromEnv(settings)).getMessage();
    }

    static ApproovConfig.Builder builder() {
        return ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64);
    }

    @Test
    void noAccountKeyByDefault() {
        ApproovConfig config = fromEnv(Map.of());
        assertEquals(List.of(), config.accountKeys());
        assertFalse(config.requireAccountSignature());
    }

    @Test
    void theSecretIsReadInEitherEncodingWithItsKeyId() {
        for (Map<String, String> env : List.of(
                Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL),
                Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", Base64.getUrlEncoder().encodeToString(SECRET)),
                Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", BASE64))) {
            Map<String, String> withId = new HashMap<>(env);
            withId.put("APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-1");
            withId.put("APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE", "true");
            ApproovConfig config = fromEnv(withId);
            assertEquals(1, config.accountKeys().size(), env.toString());
            assertEquals("msk-1", config.accountKeys().get(0).keyId());
            assertEquals(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"), config.accountKeys().get(0).macKey());
            assertTrue(config.requireAccountSignature());
        }
    }

    @Test
    void moreKeysForRotationCarryTheirIds() {
        byte[] next = "next-account-key-next-account-ke".getBytes(StandardCharsets.US_ASCII);
        ApproovConfig config = fromEnv(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "2026-01",
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS", " 2026-02:" + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(next) + " , 2025-12:" + BASE64));
        assertEquals(List.of("2026-01", "2026-02", "2025-12"), config.accountKeys().stream().map(AccountKey::keyId).toList());
        ApproovConfig inCode = builder().accountMessageSigningSecretBase64Url(BASE64URL).accountMessageSigningKeyId("a")
                .addAccountMessageSigningSecret("b", next).build();
        assertEquals(List.of("a", "b"), inCode.accountKeys().stream().map(AccountKey::keyId).toList());
    }

    @Test
    void aCallInCodeReplacesTheSecretOfTheEnvironmentInEitherEncoding() {
        ApproovConfig config = builder().readEnvironment(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", "not base64!")::get)
                .accountMessageSigningSecretBase64Url(BASE64URL).build();
        assertEquals(1, config.accountKeys().size());
        assertEquals(null, config.accountKeys().get(0).keyId());
    }

    @Test
    void aShortOrMisencodedSecretIsRefusedNamingTheVariableAndNeverShowingIt() {
        String shortUrl = Base64.getUrlEncoder().withoutPadding().encodeToString(SHORT);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", shortUrl);
        cases.put("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", Base64.getEncoder().encodeToString(SHORT));
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            String message = problem(Map.of(entry.getKey(), entry.getValue()));
            assertTrue(message.contains(entry.getKey() + ": an account message-signing secret must be at least 32 bytes,"
                    + " this one is 31 bytes"), message);
            assertFalse(message.contains(entry.getValue().substring(0, 10)), message);
        }
        String standardInUrl = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64));
        assertTrue(standardInUrl.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL is not valid base64url"), standardInUrl);
        assertFalse(standardInUrl.contains(BASE64.substring(4, 16)), standardInUrl);
        String urlInStandard = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", BASE64URL));
        assertTrue(urlInStandard.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64 is not valid base64 (the standard"),
                urlInStandard);
        String inCode = assertThrows(ApproovConfigurationException.class,
                () -> builder().addAccountMessageSigningSecret("k", SHORT).build()).getMessage();
        assertTrue(inCode.contains("addAccountMessageSigningSecret(...): an account message-signing secret must be at least"
                + " 32 bytes"), inCode);
        String listEntry = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS", "a:" + BASE64URL + ",b:" + shortUrl));
        assertTrue(listEntry.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS entry #2: an account message-signing secret"),
                listEntry);
        String notEncoded = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS", "a:" + BASE64URL + "!"));
        assertTrue(notEncoded.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS entry #1 is neither base64url nor base64."),
                notEncoded);
    }

    @Test
    void inconsistentSettingsAreRefusedTogether() {
        String both = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", BASE64));
        assertTrue(both.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL and"
                + " APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64 are both set"), both);
        String idAlone = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-1"));
        assertTrue(idAlone.contains("APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID (accountMessageSigningKeyId) is set but no"
                + " account message-signing secret is"), idAlone);
        String requiredWithoutKey = problem(Map.of("APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE", "true"));
        assertTrue(requiredWithoutKey.contains("APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE (requireAccountSignature)"
                + " is true but no account message-signing key is configured"), requiredWithoutKey);
        String sameId = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "k", "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS", "k:" + BASE64URL));
        assertTrue(sameId.contains("Two account message-signing keys have the key id \"k\""), sameId);
        String twoWithout = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS", BASE64URL));
        assertTrue(twoWithout.contains("Two account message-signing keys have no key id"), twoWithout);
        String spacedId = problem(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk 1"));
        assertTrue(spacedId.contains("the key id \"msk 1\" is not 1 to 256 printable ASCII characters"), spacedId);
        String requireNotBoolean = problem(Map.of("APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE", "yes"));
        assertTrue(requireNotBoolean.contains("APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE must be true or false"),
                requireNotBoolean);
    }

    @Test
    void theStringFormsShowIdsAndSizesButNeverASecret() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL", BASE64URL,
                "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-1"));
        String described = ApproovCheck.create(config).describe();
        for (String text : List.of(config.toString(), described, config.accountKeys().toString())) {
            assertTrue(text.contains("account key mskid \"msk-1\" (48-byte secret)"), text);
            for (String spelling : List.of(BASE64URL, BASE64, new String(SECRET, StandardCharsets.ISO_8859_1))) {
                assertFalse(text.contains(spelling.substring(6, 18)), text);
            }
        }
        assertTrue(config.toString().contains("requireAccountSignature=false"), config.toString());
    }
}
