package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApproovConfigTest {

    static final String SECRET = ApproovTokens.DUMMY_SECRET_BASE64;

    static ApproovConfig fromEnv(Map<String, String> env) {
        return ApproovConfig.fromEnvironment(env::get);
    }

    static ApproovConfigurationException failure(Map<String, String> env) {
        return assertThrows(ApproovConfigurationException.class, () -> fromEnv(env));
    }

    @Test
    void defaultsAreTheQuickstarts() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET));
        assertArrayEquals(Base64.getDecoder().decode(SECRET), config.keys().get(0).key().getEncoded());
        assertEquals("Approov-Token", config.tokenHeaderName());
        assertEquals(List.of("Authorization"), config.bindingHeaderNames());
        assertEquals("Approov-Status", config.statusHeaderName());
        assertEquals("Approov-TraceID", config.traceIdHeaderName());
        assertTrue(config.abortOnInvalidToken());
        assertTrue(config.abortOnInvalidBinding());
        assertTrue(config.loggingEnabled());
        assertEquals(Optional.empty(), config.expectedAudience());
        assertEquals(Duration.ZERO, config.clockSkew());
        assertEquals(2048, config.tokenCacheSize());
    }

    @Test
    void everyVariableIsRead() {
        ApproovConfig config = fromEnv(Map.of(
                "APPROOV_BASE64_SECRET", " " + SECRET + "\n",
                "APPROOV_TOKEN_HEADER_NAME", "X-Approov",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "X-Session",
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "FALSE",
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING", "false",
                "APPROOV_LOGGING_ENABLED", "False",
                "APPROOV_EXPECTED_AUDIENCE", "api.example.com",
                "APPROOV_CLOCK_SKEW_SECONDS", "30",
                "APPROOV_TOKEN_CACHE_SIZE", "0"));
        assertEquals("X-Approov", config.tokenHeaderName());
        assertEquals(List.of("X-Session"), config.bindingHeaderNames());
        assertFalse(config.abortOnInvalidToken());
        assertFalse(config.abortOnInvalidBinding());
        assertFalse(config.loggingEnabled());
        assertEquals(Optional.of("api.example.com"), config.expectedAudience());
        assertEquals(Duration.ofSeconds(30), config.clockSkew());
        assertEquals(0, config.tokenCacheSize());
    }

    @Test
    void blankVariablesCountAsUnset() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_TOKEN_HEADER_NAME", " ",
                "APPROOV_CLOCK_SKEW_SECONDS", ""));
        assertEquals("Approov-Token", config.tokenHeaderName());
        assertEquals(Duration.ZERO, config.clockSkew());
        assertTrue(failure(Map.of("APPROOV_BASE64_SECRET", "  ")).getMessage().contains("is not set"));
    }

    @Test
    void missingSecretSaysWhereToGetIt() {
        String message = failure(Map.of()).getMessage();
        assertTrue(message.contains("APPROOV_BASE64_SECRET is not set"), message);
        assertTrue(message.contains("approov secret -get base64`"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not base64!", // foreign characters
        "h-CX0tOzdAAR9l15bWAqvq7w9olk66daIH-Xk-IAHhVVHszjDzeGobzNnqyRze3lw_WVyWrc2gZfh3XXfBOmww==", // URL-safe
        "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww", // unpadded
        "h+CX0tOzdAAR9l15bWAqvq7w9olk66da IH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==", // space
        "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmwx==" // trailing bits
    })
    void nonCanonicalBase64SecretIsRefusedWithoutEchoingIt(String secret) {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", secret)).getMessage();
        assertTrue(message.contains("APPROOV_BASE64_SECRET is not valid base64"), message);
        assertFalse(message.contains(secret.strip()), message);
        assertFalse(message.contains(secret.substring(0, Math.min(12, secret.length()))), message);
    }

    @Test
    void shortSecretIsRefusedWithItsLengthOnly() {
        String secret = Base64.getEncoder().encodeToString(new byte[31]);
        String message = failure(Map.of("APPROOV_BASE64_SECRET", secret)).getMessage();
        assertTrue(message.contains("31 bytes") && message.contains("at least 32"), message);
        assertFalse(message.contains(secret), message);
    }

    @Test
    void everyInvalidSettingIsReportedAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("APPROOV_BASE64_SECRET", SECRET);
        env.put("APPROOV_TOKEN_HEADER_NAME", "Approov Token");
        env.put("APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization:");
        env.put("APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "yes");
        env.put("APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING", "0");
        env.put("APPROOV_LOGGING_ENABLED", "on");
        env.put("APPROOV_CLOCK_SKEW_SECONDS", "301");
        env.put("APPROOV_TOKEN_CACHE_SIZE", "many");
        String message = failure(env).getMessage();
        for (String name : env.keySet()) {
            if (!name.equals("APPROOV_BASE64_SECRET")) {
                assertTrue(message.contains(name), name + " in: " + message);
            }
        }
        assertFalse(message.contains(SECRET), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "301", "1.5", "ten"})
    void clockSkewMustBeZeroToThreeHundredSeconds(String skew) {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_CLOCK_SKEW_SECONDS", skew)).getMessage();
        assertTrue(message.contains("APPROOV_CLOCK_SKEW_SECONDS"), message);
    }

    @Test
    void longRejectedValuesAreNotEchoed() {
        // A secret pasted into the wrong variable must not reach the message.
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_LOGGING_ENABLED", SECRET,
                "APPROOV_TOKEN_HEADER_NAME", SECRET)).getMessage();
        assertFalse(message.contains(SECRET), message);
        assertTrue(message.contains("a value of 88 characters"), message);
    }

    @Test
    void builderCallsAfterReadingTheEnvironmentWin() {
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment(Map.of("APPROOV_BASE64_SECRET", "bad", "APPROOV_TOKEN_HEADER_NAME", "X-Env",
                        "APPROOV_LOGGING_ENABLED", "maybe")::get)
                .base64Secret(SECRET)
                .tokenHeaderName("X-Code")
                .loggingEnabled(false)
                .build();
        assertEquals("X-Code", config.tokenHeaderName());
        assertFalse(config.loggingEnabled());
    }

    @Test
    void systemPropertyWinsOverTheDotEnvFile(@TempDir Path dir) throws IOException {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "APPROOV_BASE64_SECRET=" + SECRET + "\nAPPROOV_TOKEN_HEADER_NAME=From-DotEnv\n"
                + "APPROOV_TOKEN_BINDING_HEADER_NAME=From-DotEnv\n");
        System.setProperty("APPROOV_TOKEN_HEADER_NAME", "From-Property");
        try {
            ApproovConfig config = ApproovConfig.builder().readEnvironment(dotEnv).build();
            assertEquals("From-Property", config.tokenHeaderName());
            assertEquals(List.of("From-DotEnv"), config.bindingHeaderNames());
            assertArrayEquals(Base64.getDecoder().decode(SECRET), config.keys().get(0).key().getEncoded());
        } finally {
            System.clearProperty("APPROOV_TOKEN_HEADER_NAME");
        }
    }

    @Test
    void environmentLooksUpApplicationSettingsInTheSameOrder(@TempDir Path dir) throws IOException {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "APP_PORT=1111\nAPP_HOST=from-dotenv\n");
        System.setProperty("APP_PORT", "2222");
        try {
            Function<String, String> environment = ApproovConfig.environment(dotEnv);
            assertEquals("2222", environment.apply("APP_PORT"));
            assertEquals("from-dotenv", environment.apply("APP_HOST"));
            assertNull(environment.apply("APP_SET_NOWHERE"));
        } finally {
            System.clearProperty("APP_PORT");
        }
    }

    @Test
    void environmentRefusesAMalformedDotEnvFile(@TempDir Path dir) throws IOException {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "not a variable line\n");
        ApproovConfigurationException thrown =
                assertThrows(ApproovConfigurationException.class, () -> ApproovConfig.environment(dotEnv));
        assertTrue(thrown.getMessage().contains("line 1"), thrown.getMessage());
    }

    @Test
    void toStringShowsTheSecretLengthOnly() {
        String text = fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET)).toString();
        assertTrue(text.contains("keys=[HS256 (64-byte secret)]"), text);
        assertFalse(text.contains(SECRET.substring(0, 10)), text);
    }

    @Test
    void secretBytesAreCopied() {
        byte[] secret = new byte[32];
        ApproovConfig config = ApproovConfig.builder().secret(secret).build();
        secret[0] = 1;
        assertEquals(0, config.keys().get(0).key().getEncoded()[0]);
    }
    // ---- Approov's current quickstarts: the base64url secret, several binding headers, the client's report ----

    /** The test secret as `approov secret -get base64url` prints it: URL-safe, no padding. */
    static final String SECRET_BASE64URL = Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET);
    /** 34 bytes whose base64 has '+' and '/' and needs padding, so that each spelling differs from the others. */
    static final byte[] ODD_SECRET = "\u00fb\u00ff\u00be-odd-secret-of-thirty-four-byte".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void theBase64UrlSecretIsReadWithOrWithoutPadding() {
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(ODD_SECRET);
        String padded = Base64.getUrlEncoder().encodeToString(ODD_SECRET);
        assertTrue(unpadded.contains("-") || unpadded.contains("_"), unpadded);
        assertFalse(unpadded.equals(padded), "the secret needs padding");
        for (String spelling : List.of(unpadded, padded, " " + unpadded + "\n")) {
            ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64URL_SECRET", spelling));
            assertEquals(1, config.keys().size());
            assertArrayEquals(ODD_SECRET, config.keys().get(0).key().getEncoded(), spelling);
        }
        assertArrayEquals(TestSecret.SECRET, ApproovConfig.builder().base64UrlSecret(SECRET_BASE64URL).build()
                .keys().get(0).key().getEncoded());
    }

    @Test
    void approovsDummySecretInBase64UrlIsTheSameSecretAsInBase64() {
        ApproovConfig url = fromEnv(Map.of("APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL));
        ApproovConfig standard = fromEnv(Map.of("APPROOV_BASE64_SECRET", ApproovTokens.DUMMY_SECRET_BASE64));
        assertArrayEquals(standard.keys().get(0).key().getEncoded(), url.keys().get(0).key().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard alphabet", "wrong padding", "too much padding", "non-zero trailing bits",
            "a space inside", "impossible length", "short"})
    void aBase64UrlSecretThatIsNotCanonicalIsRefusedWithoutEchoingIt(String fault) {
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(ODD_SECRET);
        String value = switch (fault) {
            case "standard alphabet" -> Base64.getEncoder().encodeToString(ODD_SECRET);
            case "wrong padding" -> unpadded + "=";
            case "too much padding" -> Base64.getUrlEncoder().encodeToString(ODD_SECRET) + "==";
            // 32 bytes end in 43 characters, the last of which holds 2 unused bits.
            case "non-zero trailing bits" -> flipLastBit(SECRET_BASE64URL);
            case "a space inside" -> unpadded.substring(0, 10) + " " + unpadded.substring(10);
            case "impossible length" -> unpadded + "AAA";
            default -> Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]);
        };
        String message = failure(Map.of("APPROOV_BASE64URL_SECRET", value)).getMessage();
        assertTrue(message.contains("APPROOV_BASE64URL_SECRET"), message);
        assertTrue(message.contains(fault.equals("short") ? "at least 32" : "approov secret -get base64url"), message);
        assertFalse(message.contains(value.strip()), message);
        assertFalse(message.contains(value.strip().substring(0, 12)), message);
    }

    private static String flipLastBit(String base64Url) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = base64Url.charAt(base64Url.length() - 1);
        return base64Url.substring(0, base64Url.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    }

    @Test
    void aBase64UrlSecretInTheBase64VariableSaysWhereItBelongs() {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL)).getMessage();
        assertTrue(message.contains("APPROOV_BASE64_SECRET is not valid base64"), message);
        assertTrue(message.contains("set APPROOV_BASE64URL_SECRET to it instead"), message);
        assertFalse(message.contains(ApproovTokens.DUMMY_SECRET_BASE64URL.substring(0, 12)), message);
    }

    @Test
    void bothSecretVariablesMayHoldTheSameSecretWhichCountsOnce() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                "APPROOV_BASE64URL_SECRET", SECRET_BASE64URL));
        assertEquals(1, config.keys().size(), config.toString());
        assertArrayEquals(TestSecret.SECRET, config.keys().get(0).key().getEncoded());
        assertEquals(1, fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET,
                "APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL)).keys().size());
        ApproovConfig coded = ApproovConfig.builder().secret(TestSecret.SECRET).base64UrlSecret(SECRET_BASE64URL).build();
        assertEquals(1, coded.keys().size());
    }

    @Test
    void twoDifferentSecretsStopStartUpNamingBothVariablesAndNeitherValue() {
        String other = SECRET_BASE64URL;
        ApproovConfigurationException refused = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_BASE64URL_SECRET", other));
        String message = refused.getMessage();
        assertTrue(message.contains("APPROOV_BASE64_SECRET (base64Secret) and APPROOV_BASE64URL_SECRET (base64UrlSecret)"
                + " are both set and hold different secrets"), message);
        for (String value : List.of(SECRET, other)) {
            assertFalse(message.contains(value.substring(0, 12)), message);
        }
        ApproovConfig.Builder builder = ApproovConfig.builder().base64Secret(SECRET).base64UrlSecret(other);
        assertThrows(ApproovConfigurationException.class, builder::build);
        assertThrows(ApproovConfigurationException.class, builder::build, "build() does not change the builder");
    }

    @Test
    void theBase64UrlSecretComesFromTheDotEnvFileToo(@TempDir Path dir) throws IOException {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "APPROOV_BASE64URL_SECRET=" + SECRET_BASE64URL + "\n");
        ApproovConfig config = ApproovConfig.builder().readEnvironment(dotEnv).build();
        assertArrayEquals(TestSecret.SECRET, config.keys().get(0).key().getEncoded());
    }

    @Test
    void withoutAnyKeyTheMessageNamesTheBase64UrlSecretFirst() {
        String message = failure(Map.of()).getMessage();
        assertTrue(message.contains("APPROOV_BASE64URL_SECRET or APPROOV_BASE64_SECRET is not set: set"
                + " APPROOV_BASE64URL_SECRET to the output of `approov secret -get base64url`"), message);
    }

    @Test
    void theBindingHeaderVariableTakesACommaSeparatedListInOrder() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET,
                "APPROOV_TOKEN_BINDING_HEADER_NAME", " Authorization ,Content-Digest "));
        assertEquals(List.of("Authorization", "Content-Digest"), config.bindingHeaderNames());
        assertEquals(List.of("SessionId", "Authorization"), ApproovConfig.builder().base64Secret(SECRET)
                .bindingHeaderNames("SessionId", "Authorization").build().bindingHeaderNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization,authorization", "Authorization, Content-Digest, AUTHORIZATION"})
    void aBindingHeaderListedTwiceStopsStartUp(String names) {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_TOKEN_BINDING_HEADER_NAME", names))
                .getMessage();
        assertTrue(message.contains("APPROOV_TOKEN_BINDING_HEADER_NAME (bindingHeaderNames) name"), message);
        assertTrue(message.contains("twice"), message);
        assertThrows(ApproovConfigurationException.class, () -> ApproovConfig.builder().base64Secret(SECRET)
                .bindingHeaderNames("SessionId", "sessionid").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization,", ",Authorization", "Authorization,,SessionId", "Authorization;SessionId"})
    void anEmptyOrMalformedEntryInTheListStopsStartUp(String names) {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_TOKEN_BINDING_HEADER_NAME", names))
                .getMessage();
        assertTrue(message.contains("APPROOV_TOKEN_BINDING_HEADER_NAME (bindingHeaderNames) must be HTTP header names"),
                message);
        assertThrows(ApproovConfigurationException.class, () -> ApproovConfig.builder().base64Secret(SECRET)
                .bindingHeaderNames().build(), "no header at all");
    }

    @Test
    void theTokenHeaderCannotBeABindingHeader() {
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET,
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization,approov-token")).getMessage();
        assertTrue(message.contains("names the token header \"Approov-Token\""), message);
    }

    @Test
    void theClientReportHeadersAreConfigurable() {
        ApproovConfig config = fromEnv(Map.of("APPROOV_BASE64_SECRET", SECRET,
                "APPROOV_STATUS_HEADER_NAME", "X-Approov-Status", "APPROOV_TRACE_ID_HEADER_NAME", "X-Approov-Trace"));
        assertEquals("X-Approov-Status", config.statusHeaderName());
        assertEquals("X-Approov-Trace", config.traceIdHeaderName());
        String message = failure(Map.of("APPROOV_BASE64_SECRET", SECRET, "APPROOV_STATUS_HEADER_NAME", "Approov Status",
                "APPROOV_TRACE_ID_HEADER_NAME", "Trace:Id")).getMessage();
        assertTrue(message.contains("APPROOV_STATUS_HEADER_NAME (statusHeaderName) must be an HTTP header name"), message);
        assertTrue(message.contains("APPROOV_TRACE_ID_HEADER_NAME (traceIdHeaderName) must be an HTTP header name"), message);
    }
}
