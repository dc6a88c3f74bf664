package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayConfigTest {

    static Map<String, String> minimal(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "APPROOV_UPSTREAM_URL", "https://api.example.com",
                "APPROOV_BASE64_SECRET", TestGateway.SECRET_BASE64));
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return settings;
    }

    static GatewayConfig read(Map<String, String> settings) {
        return GatewayConfig.read(settings::get, false);
    }

    static String problem(Map<String, String> settings, boolean demo) {
        GatewayConfigException thrown = assertThrows(GatewayConfigException.class,
                () -> GatewayConfig.read(settings::get, demo));
        assertFalse(thrown.getMessage().contains("\n"), "not one line: " + thrown.getMessage());
        assertFalse(thrown.getMessage().contains(TestGateway.SECRET_BASE64), "secret leaked: " + thrown.getMessage());
        assertEquals(0, thrown.getStackTrace().length);
        return thrown.getMessage();
    }

    @Test
    void theDefaultsAreSafeAndDocumented() {
        GatewayConfig config = read(minimal());

        assertEquals(URI.create("https://api.example.com"), config.upstream());
        assertEquals(GatewayConfig.Strategy.TOKEN, config.strategy());
        assertTrue(config.bindingPolicy().isNone());
        assertTrue(config.stripTokenHeader());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(Duration.ofSeconds(30), config.readTimeout());
        assertEquals("127.0.0.1", config.host());
        assertEquals(8003, config.port());
        assertEquals(200, config.workerThreads());
        assertEquals("Approov-Token", config.approov().tokenHeaderName());
        assertEquals(List.of("Authorization"), config.approov().bindingHeaderNames());
        assertFalse(config.usesDummySecret());
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com,           https://api.example.com",
        "https://api.example.com/,          https://api.example.com",
        "HTTP://127.0.0.1:8002/base//,      http://127.0.0.1:8002/base",
        "http://[::1]:8002/v1%20x/,         http://[::1]:8002/v1%20x",
    })
    void theUpstreamUrlIsABaseWithoutATrailingSlash(String given, String upstream) {
        assertEquals(URI.create(upstream), read(minimal("APPROOV_UPSTREAM_URL", given)).upstream());
    }

    @Test
    void aBareApiDomainMeansHttpsAsForTheCloudflareWorker() {
        Map<String, String> settings = minimal("API_DOMAIN", "api.example.com");
        settings.remove("APPROOV_UPSTREAM_URL");

        assertEquals(URI.create("https://api.example.com"), read(settings).upstream());
    }

    @Test
    void anApiDomainWithASchemeIsTakenAsAUrl() {
        Map<String, String> settings = minimal("API_DOMAIN", "http://127.0.0.1:8002");
        settings.remove("APPROOV_UPSTREAM_URL");

        assertEquals(URI.create("http://127.0.0.1:8002"), read(settings).upstream());
    }

    @Test
    void bothUpstreamVariablesMayBeSetIfTheyAgree() {
        assertEquals(URI.create("https://api.example.com"),
                read(minimal("API_DOMAIN", "api.example.com")).upstream());
    }

    @Test
    void bothUpstreamVariablesNamingDifferentUpstreamsIsAnError() {
        String message = problem(minimal("API_DOMAIN", "other.example.com"), false);

        assertTrue(message.contains("APPROOV_UPSTREAM_URL and API_DOMAIN name different upstreams"), message);
    }

    @Test
    void withoutAnUpstreamTheGatewayDoesNotStart() {
        Map<String, String> settings = minimal();
        settings.remove("APPROOV_UPSTREAM_URL");

        String message = problem(settings, false);
        assertTrue(message.startsWith("APPROOV_UPSTREAM_URL is not set: set it to the base URL of the API"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "ftp://api.example.com", "https://", "https://user:pw@api.example.com",
        "https://api.example.com/?x=1", "https://api.example.com/#top", "https://api example.com", "mailto:a@b.c"})
    void anUpstreamUrlThatIsNoHttpBaseUrlIsAnError(String url) {
        String message = problem(minimal("APPROOV_UPSTREAM_URL", url), false);

        assertTrue(message.startsWith("APPROOV_UPSTREAM_URL "), message);
        assertTrue(message.contains("e.g. https://api.example.com"), message);
    }

    @Test
    void withoutASecretTheGatewayDoesNotStartAndSaysHowToFixIt() {
        Map<String, String> settings = minimal();
        settings.remove("APPROOV_BASE64_SECRET");

        String message = problem(settings, false);
        assertTrue(message.contains("APPROOV_BASE64_SECRET is not set"), message);
        assertTrue(message.contains("--demo"), message);
    }

    @Test
    void everyProblemIsReportedInOneLine() {
        String message = problem(Map.of("APPROOV_VERIFICATION_STRATEGY", "strict", "HTTP_PORT", "eighty",
                "APPROOV_UPSTREAM_READ_TIMEOUT_MILLIS", "0", "APPROOV_CLOCK_SKEW_SECONDS", "999"), false);

        for (String variable : new String[] {"APPROOV_UPSTREAM_URL", "APPROOV_VERIFICATION_STRATEGY", "HTTP_PORT",
                "APPROOV_UPSTREAM_READ_TIMEOUT_MILLIS", "APPROOV_BASE64_SECRET", "APPROOV_CLOCK_SKEW_SECONDS"}) {
            assertTrue(message.contains(variable), variable + " is missing from: " + message);
        }
    }

    @Test
    void theLibrarysVariablesAreReadToo() {
        GatewayConfig config = read(minimal("APPROOV_TOKEN_HEADER_NAME", "X-App-Token",
                "APPROOV_EXPECTED_AUDIENCE", "api.example.com", "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false"));

        assertEquals("X-App-Token", config.approov().tokenHeaderName());
        assertEquals("api.example.com", config.approov().expectedAudience().orElseThrow());
        assertFalse(config.approov().abortOnInvalidToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPROOV_BINDING_HEADER_NAME", "APPROOV_TOKEN_BINDING_HEADER_NAME"})
    void theBindingHeaderHasTheWorkersNameAndTheLibrarys(String variable) {
        assertEquals(List.of("X-Session"), read(minimal(variable, "X-Session")).approov().bindingHeaderNames());
        assertEquals(List.of("Authorization", "Content-Digest"),
                read(minimal(variable, "Authorization, Content-Digest")).approov().bindingHeaderNames());
    }

    @Test
    void bothBindingHeaderNamesMustAgree() {
        String message = problem(minimal("APPROOV_BINDING_HEADER_NAME", "X-Session",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization"), false);

        assertTrue(message.contains("name different headers"), message);
        assertEquals(List.of("X-Session"), read(minimal("APPROOV_BINDING_HEADER_NAME", "X-Session",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "x-session")).approov().bindingHeaderNames());
        assertEquals(List.of("Authorization", "SessionId"), read(minimal("APPROOV_BINDING_HEADER_NAME",
                "Authorization,SessionId", "APPROOV_TOKEN_BINDING_HEADER_NAME", " authorization , sessionid "))
                .approov().bindingHeaderNames());
        assertTrue(problem(minimal("APPROOV_BINDING_HEADER_NAME", "Authorization,SessionId",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "SessionId,Authorization"), false).contains("name different headers"),
                "the order matters: the values are concatenated in it");
    }

    @Test
    void aBindingHeaderListedTwiceStopsTheGateway() {
        String message = problem(minimal("APPROOV_BINDING_HEADER_NAME", "Authorization,AUTHORIZATION"), false);
        assertTrue(message.contains("APPROOV_TOKEN_BINDING_HEADER_NAME (bindingHeaderNames) name \"AUTHORIZATION\" twice"),
                message);
    }

    @Test
    void theBase64UrlSecretOfApproovsCurrentQuickstartsIsAKey() {
        String url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Base64.getDecoder().decode(TestGateway.SECRET_BASE64));
        Map<String, String> settings = minimal("APPROOV_BASE64URL_SECRET", url);
        settings.remove("APPROOV_BASE64_SECRET");
        GatewayConfig config = read(settings);
        assertFalse(config.usesDummySecret());
        assertFalse(config.toString().contains(url.substring(0, 12)), config.toString());
    }

    @Test
    void approovsPublicDummySecretInBase64UrlIsRefusedWithoutDemoAndTakenWithIt() {
        Map<String, String> settings = minimal("APPROOV_BASE64URL_SECRET", SettingsReader.DUMMY_SECRET_BASE64URL);
        settings.remove("APPROOV_BASE64_SECRET");
        String message = problem(settings, false);
        assertTrue(message.startsWith("The configured Approov secret is Approov's public dummy secret"), message);
        assertTrue(message.contains("APPROOV_BASE64URL_SECRET"), message);
        assertFalse(message.contains(SettingsReader.DUMMY_SECRET_BASE64URL.substring(0, 12)), message);
        assertTrue(GatewayConfig.read(settings::get, true).usesDummySecret());
        assertEquals("h-CX0tOzdAAR9l15bWAqvq7w9olk66daIH-Xk-IAHhVVHszjDzeGobzNnqyRze3lw_WVyWrc2gZfh3XXfBOmww",
                SettingsReader.DUMMY_SECRET_BASE64URL, "as APPROOV-TODAY.md and Approov's quickstarts print it");
    }

    @Test
    void anInvalidBindingHeaderNameGetsTheLibrarysMessage() {
        String message = problem(minimal("APPROOV_BINDING_HEADER_NAME", "Not A Header"), false);

        assertTrue(message.contains("APPROOV_TOKEN_BINDING_HEADER_NAME (bindingHeaderNames) must be HTTP header names"),
                message);
    }

    @ParameterizedTest
    @CsvSource({"token, TOKEN", "TOKEN-BINDING, TOKEN_BINDING", "' token-binding ', TOKEN_BINDING"})
    void theStrategyIsTheCloudflareWorkers(String value, GatewayConfig.Strategy strategy) {
        GatewayConfig config = read(minimal("APPROOV_VERIFICATION_STRATEGY", value));

        assertEquals(strategy, config.strategy());
        assertEquals(strategy == GatewayConfig.Strategy.TOKEN_BINDING, config.bindingPolicy().requiresBinding("/x"));
    }

    @Test
    void bindingPathPrefixesApplyToTheTokenStrategy() {
        GatewayConfig config = read(minimal("APPROOV_BINDING_PATH_PREFIXES", " /v1/forms , /pay "));

        assertTrue(config.bindingPolicy().requiresBinding("/pay/now"));
        assertFalse(config.bindingPolicy().requiresBinding("/v1/shapes"));
        assertEquals("/v1/forms, /pay", config.bindingPolicy().describe());
    }

    @Test
    void bindingPathPrefixesWithTheTokenBindingStrategyAreAnError() {
        String message = problem(minimal("APPROOV_BINDING_PATH_PREFIXES", "/v1/forms",
                "APPROOV_VERIFICATION_STRATEGY", "token-binding"), false);

        assertTrue(message.startsWith("APPROOV_BINDING_PATH_PREFIXES is for the token strategy"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/forms", "/v1/forms,", "/a b", "/v1?x=1", "/v1#top"})
    void aPrefixThatIsNoPathIsAnError(String prefixes) {
        String message = problem(minimal("APPROOV_BINDING_PATH_PREFIXES", prefixes), false);

        assertTrue(message.startsWith("APPROOV_BINDING_PATH_PREFIXES is a comma-separated list of paths"), message);
    }

    @Test
    void theTokenHeaderMayBeKept() {
        assertFalse(read(minimal("APPROOV_STRIP_TOKEN_HEADER", "FALSE")).stripTokenHeader());
        assertTrue(problem(minimal("APPROOV_STRIP_TOKEN_HEADER", "no"), false)
                .startsWith("APPROOV_STRIP_TOKEN_HEADER must be true or false"));
    }

    @Test
    void timeoutsAreMilliseconds() {
        GatewayConfig config = read(minimal("APPROOV_UPSTREAM_CONNECT_TIMEOUT_MILLIS", "250",
                "APPROOV_UPSTREAM_READ_TIMEOUT_MILLIS", "120000"));

        assertEquals(Duration.ofMillis(250), config.connectTimeout());
        assertEquals(Duration.ofMinutes(2), config.readTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "5s", "3600001"})
    void aTimeoutOutsideOneMillisecondToAnHourIsAnError(String value) {
        assertTrue(problem(minimal("APPROOV_UPSTREAM_CONNECT_TIMEOUT_MILLIS", value), false)
                .startsWith("APPROOV_UPSTREAM_CONNECT_TIMEOUT_MILLIS must be a whole number of milliseconds"));
    }

    @Test
    void theListenerSettingsAreRead() {
        GatewayConfig config = read(minimal("HTTP_HOST", "0.0.0.0", "HTTP_PORT", "0", "HTTP_WORKER_THREADS", "16"));

        assertEquals("0.0.0.0", config.host());
        assertEquals(0, config.port());
        assertEquals(16, config.workerThreads());
    }

    @ParameterizedTest
    @CsvSource({"HTTP_PORT, 65536", "HTTP_PORT, -1", "HTTP_WORKER_THREADS, 0", "HTTP_WORKER_THREADS, many"})
    void listenerSettingsOutOfRangeAreErrors(String variable, String value) {
        assertTrue(problem(minimal(variable, value), false).startsWith(variable + " must be"));
    }

    @Test
    void approovsPublicDummySecretIsRefusedWithoutDemo() {
        String message = problem(minimal("APPROOV_BASE64_SECRET", GatewayConfig.DUMMY_SECRET_BASE64), false);

        assertTrue(message.startsWith("The configured Approov secret is Approov's public dummy secret"), message);
        assertFalse(message.contains(GatewayConfig.DUMMY_SECRET_BASE64), message);
    }

    @Test
    void approovsPublicDummySecretIsRefusedInTheSecretListToo() {
        String message = problem(minimal("APPROOV_BASE64_SECRETS", "next:" + GatewayConfig.DUMMY_SECRET_BASE64), false);

        assertTrue(message.startsWith("The configured Approov secret is Approov's public dummy secret"), message);
    }

    @Test
    void demoRunsInFrontOfTheShapesApiWithTheDummySecret() {
        GatewayConfig config = GatewayConfig.read(Map.<String, String>of()::get, true);

        assertEquals(URI.create("http://127.0.0.1:8002"), config.upstream());
        assertTrue(config.usesDummySecret());
        assertTrue(config.bindingPolicy().requiresBinding("/v1/forms"));
        assertFalse(config.bindingPolicy().requiresBinding("/v1/shapes"));
    }

    @Test
    void demoKeepsWhatIsConfigured() {
        GatewayConfig config = GatewayConfig.read(minimal("APPROOV_BINDING_PATH_PREFIXES", "/v2")::get, true);

        assertEquals(URI.create("https://api.example.com"), config.upstream());
        assertFalse(config.usesDummySecret());
        assertFalse(config.bindingPolicy().requiresBinding("/v1/forms"));
        assertTrue(config.bindingPolicy().requiresBinding("/v2/x"));
    }

    @Test
    void demoTakesTheDummySecretWhenItIsConfigured() {
        assertTrue(GatewayConfig.read(minimal("APPROOV_BASE64_SECRET", GatewayConfig.DUMMY_SECRET_BASE64)::get, true)
                .usesDummySecret());
    }

    @Test
    void demoNeverReplacesAnInvalidSecret() {
        assertTrue(problem(minimal("APPROOV_BASE64_SECRET", "not base64!"), true)
                .contains("APPROOV_BASE64_SECRET is not valid base64"));
    }

    @Test
    void theDescriptionHoldsNoKeyMaterial() {
        String description = read(minimal()).toString();

        assertFalse(description.contains(TestGateway.SECRET_BASE64), description);
        assertTrue(description.contains("upstream=https://api.example.com"), description);
    }

    /** A secret or key pasted into any of the gateway's own variables is refused without being shown. */
    @Test
    void aSecretInTheWrongVariableNeverReachesTheMessage() {
        String secret = TestGateway.SECRET_BASE64;
        List<String> leaks = List.of(secret, secret.replace('+', '-').replace('/', '_').replace("=", ""),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", secret.substring(0, 16));
        List<String> variables = List.of(GatewayConfig.UPSTREAM_URL, GatewayConfig.API_DOMAIN,
                GatewayConfig.VERIFICATION_STRATEGY, GatewayConfig.BINDING_PATH_PREFIXES, GatewayConfig.BINDING_HEADER_NAME,
                GatewayConfig.STRIP_TOKEN_HEADER, GatewayConfig.CONNECT_TIMEOUT, GatewayConfig.READ_TIMEOUT,
                GatewayConfig.PORT, GatewayConfig.WORKER_THREADS);
        int refusals = 0;
        for (String variable : variables) {
            for (String leak : leaks) {
                Map<String, String> settings = minimal(variable, leak);
                try {
                    read(settings);
                } catch (GatewayConfigException refused) {
                    refusals++;
                    String message = refused.getMessage().toLowerCase(Locale.ROOT);
                    assertFalse(message.contains(leak.toLowerCase(Locale.ROOT)), variable + ": " + message);
                }
            }
        }
        assertTrue(refusals >= 3 * variables.size(), refusals + " refusals");
    }
}
