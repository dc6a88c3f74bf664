package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The message-signing settings: names from MESSAGE-SIGNING.md, read like the rest, validated at build time. */
class MessageSigningConfigTest {

    static ApproovConfig fromEnv(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        return ApproovConfig.fromEnvironment(env::get);
    }

    static String problem(String name, String value) {
        return assertThrows(ApproovConfigurationException.class, () -> fromEnv(Map.of(name, value))).getMessage();
    }

    @Test
    void defaultsAreTheContracts() {
        ApproovConfig config = fromEnv(Map.of());
        assertTrue(config.abortOnInvalidMessageSignature());
        assertFalse(config.requireInstallationKey());
        assertTrue(config.requireSignatureExpiry());
        assertEquals(Duration.ofSeconds(60), config.signatureTolerance());
        assertEquals(Duration.ofSeconds(300), config.signatureMaxAge());
        assertEquals(Optional.empty(), config.publicOrigin());
        assertEquals(1 << 20, config.maxBodyBytes());
        assertFalse(config.requireContentDigest());
        assertEquals(List.of(), config.requiredSignedComponents());
    }

    @Test
    void everyVariableIsRead() {
        ApproovConfig config = fromEnv(Map.of(
                "APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE", "false",
                "APPROOV_MESSAGE_SIGNING_REQUIRE_IPK", "true",
                "APPROOV_MESSAGE_SIGNING_REQUIRE_EXPIRES", "FALSE",
                "APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS", "5",
                "APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "0",
                "APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", " HTTPS://API.Example.com:443/ ",
                "APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "4096",
                "APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST", "true",
                "APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "Authorization, content-digest,@AUTHORITY"));
        assertFalse(config.abortOnInvalidMessageSignature());
        assertTrue(config.requireInstallationKey());
        assertFalse(config.requireSignatureExpiry());
        assertEquals(Duration.ofSeconds(5), config.signatureTolerance());
        assertEquals(Duration.ZERO, config.signatureMaxAge());
        assertEquals(Optional.of("https://api.example.com"), config.publicOrigin());
        assertEquals(4096, config.maxBodyBytes());
        assertTrue(config.requireContentDigest());
        assertEquals(List.of("authorization", "content-digest", "@authority"), config.requiredSignedComponents());
        assertTrue(config.toString().contains("publicOrigin=https://api.example.com"), config.toString());
    }

    @Test
    void aDotEnvFileCarriesThemToo(@TempDir Path directory) throws IOException {
        Path dotEnv = directory.resolve(".env");
        Files.writeString(dotEnv, "APPROOV_BASE64_SECRET=" + TestSecret.SECRET_BASE64 + "\n"
                + "APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN=http://api.example.com:8080\n"
                + "APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE=false\n");
        ApproovConfig config = ApproovConfig.builder().readEnvironment(dotEnv).build();
        assertEquals(Optional.of("http://api.example.com:8080"), config.publicOrigin());
        assertFalse(config.abortOnInvalidMessageSignature());
    }

    /**
     * Each invalid message-signing setting, and what its refusal must say besides the variable's name: what
     * the variable accepts, so the message names the fix. {@link StartupSafetyTest} runs the same table
     * through the start-up entry points.
     */
    static Stream<Arguments> invalidSettings() {
        String bool = "must be true or false";
        String whole = "must be a whole number";
        String origin = "Set it to the scheme and host clients call";
        String components = "list header names or @method";
        return Stream.of(
                Arguments.of("APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE", "no", bool),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_IPK", "1", bool),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_EXPIRES", "yes", bool),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST", "on", bool),
                Arguments.of("APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS", "-1", "must be between 0 and 300 seconds"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS", "301", "must be between 0 and 300 seconds"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS", "1m", whole),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "-5", "must be between 0 (no limit) and 86400 seconds"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "86401", "must be between 0 (no limit) and 86400 seconds"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "5.5", whole),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "-1", "must be between 0 and 268435456"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "268435457", "must be between 0 and 268435456"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "1 MiB", whole),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "api.example.com", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "ftp://api.example.com", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com/v1", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com?x", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com#top", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://user@api.example.com", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com:99999", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api example.com", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://", origin),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "@status", components),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "@query-param", components),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "x-a b", components),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "content-digest;sf", components));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidSettings")
    void anInvalidValueStopsStartUpNamingTheVariableAndWhatItAccepts(String name, String value, String accepts) {
        String message = problem(name, value);
        assertTrue(message.startsWith("Invalid Approov configuration: "), message);
        assertTrue(message.contains(name), message);
        assertTrue(message.contains(accepts), message);
    }

    @Test
    void builderMethodsAreValidatedTheSameWay() {
        ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class, () -> ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false)
                .signatureTolerance(Duration.ofSeconds(-1)).publicOrigin("https://x/y").maxBodyBytes(-2).build());
        assertTrue(e.getMessage().contains("signatureTolerance"), e.getMessage());
        assertTrue(e.getMessage().contains("publicOrigin"), e.getMessage());
        assertTrue(e.getMessage().contains("maxBodyBytes"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com", "http://localhost:8002", "https://[::1]:8443"})
    void originsAreAccepted(String origin) {
        assertTrue(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).publicOrigin(origin).build().publicOrigin().isPresent());
    }
}
