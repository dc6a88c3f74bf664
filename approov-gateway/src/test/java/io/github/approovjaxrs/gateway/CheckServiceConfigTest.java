package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckServiceConfigTest {

    static Map<String, String> minimal(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>(Map.of("APPROOV_BASE64_SECRET", TestGateway.SECRET_BASE64));
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return settings;
    }

    static String problem(Map<String, String> settings, boolean demo) {
        GatewayConfigException thrown = assertThrows(GatewayConfigException.class,
                () -> CheckServiceConfig.read(settings::get, demo));
        assertFalse(thrown.getMessage().contains("\n"), "not one line: " + thrown.getMessage());
        assertFalse(thrown.getMessage().contains(TestGateway.SECRET_BASE64), "secret leaked: " + thrown.getMessage());
        return thrown.getMessage();
    }

    @Test
    void theDefaultsAreSafeAndDocumented() {
        CheckServiceConfig config = CheckServiceConfig.read(minimal()::get, false);

        assertEquals("127.0.0.1", config.host());
        assertEquals(8004, config.port());
        assertTrue(config.stripTokenHeader());
        assertNull(config.deviceIdHeader());
        assertFalse(config.usesDummySecret());
        assertEquals(List.of("Authorization"), config.approov().bindingHeaderNames());
        assertFalse(config.toString().contains(TestGateway.SECRET_BASE64), config.toString());
    }

    @Test
    void itNeedsNoUpstreamAndReadsTheLibrarysAndItsOwnSettings() {
        CheckServiceConfig config = CheckServiceConfig.read(minimal("HTTP_HOST", "0.0.0.0", "HTTP_PORT", "9004",
                "APPROOV_STRIP_TOKEN_HEADER", "false", "APPROOV_DEVICE_ID_HEADER", "Approov-Device-Id",
                "APPROOV_BINDING_HEADER_NAME", "X-Session", "APPROOV_EXPECTED_AUDIENCE", "api.example.com",
                "APPROOV_UPSTREAM_URL", "https://ignored.example.com")::get, false);

        assertEquals("0.0.0.0", config.host());
        assertEquals(9004, config.port());
        assertFalse(config.stripTokenHeader());
        assertEquals("Approov-Device-Id", config.deviceIdHeader());
        assertEquals(List.of("X-Session"), config.approov().bindingHeaderNames());
        assertEquals("api.example.com", config.approov().expectedAudience().orElseThrow());
    }

    @Test
    void withoutAKeyItDoesNotStartAndSaysHowToTryIt() {
        String message = problem(Map.of(), false);

        assertTrue(message.contains("APPROOV_BASE64_SECRET is not set"), message);
        assertTrue(message.contains("run with --demo to try the check service"), message);
    }

    @Test
    void demoFallsBackToTheDummySecretWhichIsRefusedOtherwise() {
        assertTrue(CheckServiceConfig.read(Map.<String, String>of()::get, true).usesDummySecret());
        assertTrue(problem(minimal("APPROOV_BASE64_SECRET", SettingsReader.DUMMY_SECRET_BASE64), false)
                .contains("or run with --demo to try the check service with it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPROOV_VERIFICATION_STRATEGY", "APPROOV_BINDING_PATH_PREFIXES"})
    void theGatewaysPolicyByPathIsRefusedAsTheProxyChoosesIt(String variable) {
        String message = problem(minimal(variable, "/v1/forms"), false);

        assertTrue(message.startsWith(variable + " is the gateway's: with --check the proxy chooses the policy by"
                + " the path it calls (/approov/check/token, /approov/check/token-binding, /approov/check/signed,"
                + " /approov/check/signed-single-use)"),
                message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Approov Device", "x:y", "é", "Approov-Token", "authorization"})
    void theDeviceIdHeaderIsAHeaderOfItsOwn(String name) {
        assertTrue(problem(minimal("APPROOV_DEVICE_ID_HEADER", name), false).startsWith("APPROOV_DEVICE_ID_HEADER "));
    }

    /**
     * Approov's current quickstarts bind to two headers: the list is the library's, under either name (the
     * rules for both names at once are SettingsReader's, held to them in GatewayConfigTest).
     */
    @ParameterizedTest
    @ValueSource(strings = {"APPROOV_BINDING_HEADER_NAME", "APPROOV_TOKEN_BINDING_HEADER_NAME"})
    void theBindingHeadersAreAListInOrderUnderEitherName(String variable) {
        assertEquals(List.of("Authorization", "Content-Digest"), CheckServiceConfig.read(
                minimal(variable, "Authorization, Content-Digest")::get, false).approov().bindingHeaderNames());
    }

    @Test
    void theDeviceIdHeaderIsNoneOfTheBindingHeaders() {
        String message = problem(minimal("APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization,Approov-Device-Id",
                "APPROOV_DEVICE_ID_HEADER", "approov-device-id"), false);
        assertTrue(message.startsWith("APPROOV_DEVICE_ID_HEADER names the token header or a binding header"), message);
    }

    @Test
    void theBase64UrlSecretIsAKeyAndTheDummyOneInBase64UrlIsRefusedWithoutDemo() {
        String url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Base64.getDecoder().decode(TestGateway.SECRET_BASE64));
        assertFalse(CheckServiceConfig.read(Map.of("APPROOV_BASE64URL_SECRET", url)::get, false).usesDummySecret());

        Map<String, String> dummy = Map.of("APPROOV_BASE64URL_SECRET", SettingsReader.DUMMY_SECRET_BASE64URL);
        String message = problem(dummy, false);
        assertTrue(message.startsWith("The configured Approov secret is Approov's public dummy secret"), message);
        assertTrue(message.contains("run with --demo to try the check service with it"), message);
        assertFalse(message.contains(SettingsReader.DUMMY_SECRET_BASE64URL.substring(0, 12)), message);
        assertTrue(CheckServiceConfig.read(dummy::get, true).usesDummySecret());
    }

    @Test
    void everyProblemIsReportedInOneLine() {
        String message = problem(Map.of("HTTP_PORT", "eighty", "APPROOV_STRIP_TOKEN_HEADER", "maybe",
                "APPROOV_CLOCK_SKEW_SECONDS", "999"), false);

        assertTrue(message.contains("HTTP_PORT must be a port number"), message);
        assertTrue(message.contains("APPROOV_STRIP_TOKEN_HEADER must be true or false"), message);
        assertTrue(message.contains("APPROOV_CLOCK_SKEW_SECONDS"), message);
    }
}
