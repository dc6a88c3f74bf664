package io.github.approovjaxrs.shapes;

import static io.github.approovjaxrs.shapes.ShapesApiTest.assertJson;
import static io.github.approovjaxrs.shapes.ShapesApiTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Approov's current quickstart endpoints in the demo, with tokens minted by the demo's token tool in the Approov
 * CLI's spelling, as Approov's test harness mints them ({@code token -setDataHashInToken <value> -genExample
 * example.com}); the harness's cases run against the demo jar, tokens minted by the wrapper, in
 * {@code QuickstartHarnessIT}.
 */
class QuickstartResourceTest {

    static final String AUTHORIZATION = "ExampleAuthToken==";
    static final String CONTENT_DIGEST = "ContentDigest==";
    static final Map<String, String> ENVIRONMENT = Map.of("APPROOV_BASE64URL_SECRET",
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET));

    /** A token from the token tool, now, as {@code approov token <args>} would print it. */
    static String cliToken(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = TokenTool.run(List.of(args), () -> ENVIRONMENT::get, java.time.Clock.systemUTC(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        return new TokenToolTest.Run(status, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8)).token();
    }

    abstract static class Server {
        JerseyServer server;

        abstract ApproovConfig config();

        @BeforeAll
        void start() {
            server = new JerseyServer(ShapesApi.application(ApproovFeature.create(config()))).start();
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        HttpResponse<String> get(String path, String... headers) {
            return RawHttp.get(server.uri(path), headers);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Enforcing extends Server {
        @Override
        ApproovConfig config() {
            return ApproovConfig.fromEnvironment(Map.of("APPROOV_BASE64URL_SECRET", ENVIRONMENT.get("APPROOV_BASE64URL_SECRET"),
                    "APPROOV_LOGGING_ENABLED", "false")::get);
        }

        @Test
        void theStateSaysTheCheckIsEnforced() {
            HttpResponse<String> state = get("/approov-state");
            assertJson(state, 200);
            assertEquals("{\"approovEnabled\":true,\"tokenBindingEnabled\":true}", state.body());
        }

        @Test
        void unprotectedIsOpenToAnyClient() {
            HttpResponse<String> open = get("/unprotected");
            assertJson(open, 200);
            assertEquals("{\"message\":\"Unprotected endpoint: no Approov check.\"}", open.body());
            assertJson(get("/unprotected", "Approov-Token", "garbage"), 200);
        }

        @Test
        void tokenCheckTakesAValidTokenOnly() {
            assertJson(get("/token-check", "Approov-Token", cliToken("-genExample", "example.com")), 200);
            assertRefused(get("/token-check", "Approov-Token", cliToken("-genExample", "example.com", "-type", "invalid")));
            assertRefused(get("/token-check"));
        }

        @Test
        void tokenBindingBindsAuthorization() {
            String bound = cliToken("-setDataHashInToken", AUTHORIZATION, "-genExample", "example.com");
            assertJson(get("/token-binding", "Approov-Token", bound, "Authorization", AUTHORIZATION), 200);
            assertRefused(get("/token-binding", "Approov-Token", bound));
            assertRefused(get("/token-binding", "Approov-Token", bound, "Authorization", "BadAuthToken=="));
        }

        @Test
        void tokenDoubleBindingBindsAuthorizationThenContentDigest() {
            String both = cliToken("-setDataHashInToken", AUTHORIZATION + CONTENT_DIGEST, "-genExample", "example.com");
            HttpResponse<String> accepted = get("/token-double-binding", "Approov-Token", both, "Authorization", AUTHORIZATION,
                    "Content-Digest", CONTENT_DIGEST);
            assertJson(accepted, 200);
            assertEquals("{\"message\":\"Approov token bound to Authorization and Content-Digest.\"}", accepted.body());
            assertRefused(get("/token-double-binding", "Approov-Token", both, "Authorization", AUTHORIZATION));
            assertRefused(get("/token-double-binding", "Approov-Token", both, "Content-Digest", CONTENT_DIGEST,
                    "Authorization", "WrongAuth=="));
            assertRefused(get("/token-double-binding", "Approov-Token", cliToken("-genExample=example.com"),
                    "Authorization", AUTHORIZATION, "Content-Digest", CONTENT_DIGEST));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/approov/enable", "/approov/disable", "/token-binding/enable", "/token-binding/disable"})
        void nothingTurnsTheCheckOff(String path) {
            HttpResponse<String> response = RawHttp.send(server.uri(path), "POST", new byte[0]);
            assertEquals(404, response.statusCode(), response.body());
            assertEquals("{\"approovEnabled\":true,\"tokenBindingEnabled\":true}", get("/approov-state").body());
            assertRefused(get("/token-check"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MonitorMode extends Server {
        @Override
        ApproovConfig config() {
            return ApproovConfig.builder().secret(TestSecret.SECRET).loggingEnabled(false).abortOnInvalidToken(false)
                    .abortOnInvalidBinding(false).build();
        }

        @Test
        void theStateSaysTheCheckOnlyLogsAndEveryRequestGoesOn() {
            assertEquals("{\"approovEnabled\":false,\"tokenBindingEnabled\":false}", get("/approov-state").body());
            for (String path : List.of("/token-check", "/token-binding", "/token-double-binding")) {
                assertJson(get(path, "Approov-Token", "bogus"), 200);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BindingMonitorOnly extends Server {
        @Override
        ApproovConfig config() {
            return ApproovConfig.builder().secret(TestSecret.SECRET).loggingEnabled(false).abortOnInvalidBinding(false).build();
        }

        @Test
        void tokensAreEnforcedAndBindingsOnlyLogged() {
            assertEquals("{\"approovEnabled\":true,\"tokenBindingEnabled\":false}", get("/approov-state").body());
            assertRefused(get("/token-binding"));
            assertJson(get("/token-binding", "Approov-Token", TestSecret.TOKENS.mint()), 200);
        }
    }
}
