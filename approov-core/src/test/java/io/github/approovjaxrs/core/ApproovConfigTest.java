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
        assertEquals("Authorization", config.bindingHeaderName());
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
        assertEquals("X-Session", config.bindingHeaderName());
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
        assertTrue(message.contains("approov secret -get base64"), message);
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
            assertEquals("From-DotEnv", config.bindingHeaderName());
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
}
