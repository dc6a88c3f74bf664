package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway as Main starts it: what it prints, where it listens, how it stops. */
class MainTest {

    static final Pattern LISTENING = Pattern.compile("^Approov gateway listening on (http://127\\.0\\.0\\.1:\\d+/)$",
            Pattern.MULTILINE);
    static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    static RecordingUpstream upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = new RecordingUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    static String started(Map<String, String> settings, boolean demo, java.util.function.Consumer<URI> use) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (Gateway gateway = Main.start(settings::get, demo, out)) {
            String banner = console.toString(StandardCharsets.UTF_8);
            Matcher listening = LISTENING.matcher(banner);
            assertTrue(listening.find(), banner);
            assertEquals(gateway.clientUri(), URI.create(listening.group(1)));
            use.accept(gateway.clientUri());
            return banner;
        }
    }

    @Test
    void itPrintsWhereItListensFirstAndForwardsThere() {
        String banner = started(TestGateway.settings(upstream.url()), false, base -> assertEquals(200,
                RawHttp1.send(base, "GET", "/v1/shapes", "Approov-Token: " + TOKENS.mint()).status()));

        assertTrue(banner.startsWith("Approov gateway listening on http://127.0.0.1:"), banner);
        assertTrue(banner.contains("Forwarding to " + upstream.url() + " the requests with a valid Approov-Token"
                + " (strategy token).\n"), banner);
        assertTrue(banner.contains("The Approov-Token header is removed before forwarding."), banner);
        assertFalse(banner.contains("WARNING") || banner.contains("curl"), banner);
    }

    @Test
    void itPrintsWhichPathsNeedTheBinding() {
        String banner = started(TestGateway.settings(upstream.url(), "APPROOV_BINDING_PATH_PREFIXES", "/v1/forms,/pay",
                "APPROOV_STRIP_TOKEN_HEADER", "false"), false, base -> { });

        assertTrue(banner.contains("Approov-Token,\nbound to Authorization on /v1/forms, /pay (strategy token).\n"),
                banner);
        assertTrue(banner.contains("The Approov-Token header is forwarded."), banner);
    }

    @Test
    void demoWarnsAboutTheDummySecretAndShowsHowToTryIt() {
        Map<String, String> settings = Map.of("APPROOV_UPSTREAM_URL", upstream.url(), "HTTP_PORT", "0",
                "APPROOV_LOGGING_ENABLED", "false");

        String banner = started(settings, true, base -> {
            upstream.reset();
            String dummyToken = ApproovTokens.hs256(GatewayConfig.DUMMY_SECRET_BASE64).mint();
            assertEquals(200, RawHttp1.send(base, "GET", "/v1/shapes", "Approov-Token: " + dummyToken).status());
            assertEquals(401, RawHttp1.send(base, "GET", "/v1/forms", "Approov-Token: " + dummyToken).status());
        });

        assertTrue(banner.startsWith("=".repeat(78) + "\n WARNING: this gateway accepts tokens signed with"
                + " APPROOV'S PUBLIC DUMMY\n SECRET, which anyone can mint."), banner);
        assertTrue(banner.contains("bound to Authorization on /v1/forms"), banner);
        assertTrue(banner.contains("\ncurl -i http://127.0.0.1:"), banner);
        assertTrue(banner.contains("curl -i -H \"Approov-Token: $(java -jar shapes-api/target/shapes-api.jar token"
                + " --bind 'Bearer 0123456789abcdef')\" -H 'Authorization: Bearer 0123456789abcdef' http://"), banner);
        banner.lines().forEach(line -> assertTrue(line.length() <= 80 || line.startsWith("curl "), line));
    }

    @Test
    void demoWithAConfiguredSecretDoesNotWarn() {
        String banner = started(TestGateway.settings(upstream.url()), true, base -> { });

        assertFalse(banner.contains("WARNING"), banner);
        assertTrue(banner.contains("curl"), banner);
    }

    @Test
    void aWildcardAddressIsPrintedAsTheLoopbackAddress() {
        started(TestGateway.settings(upstream.url(), "HTTP_HOST", "0.0.0.0"), false, base ->
                assertEquals("127.0.0.1", base.getHost()));
    }

    @Test
    void aPortInUseStopsStartUpWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StartupException thrown = assertThrows(StartupException.class, () -> Main.start(
                    TestGateway.settings(upstream.url(), "HTTP_PORT", String.valueOf(taken.getLocalPort()))::get,
                    false, NOWHERE));
            assertTrue(thrown.getMessage().startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + " ("),
                    thrown.getMessage());
            assertTrue(thrown.getMessage().contains("HTTP_PORT to a free port (0 picks one)"), thrown.getMessage());
        }
    }

    @Test
    void anUnknownHostStopsStartUpWithAClearMessage() {
        StartupException thrown = assertThrows(StartupException.class, () -> Main.start(
                TestGateway.settings(upstream.url(), "HTTP_HOST", "nohost.invalid")::get, false, NOWHERE));

        assertTrue(thrown.getMessage().startsWith("HTTP_HOST cannot be resolved"), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("; got \"nohost.invalid\"."), thrown.getMessage());
    }

    @Test
    void invalidSettingsStopStartUpBeforeAnythingListens() {
        GatewayConfigException thrown = assertThrows(GatewayConfigException.class,
                () -> Main.start(Map.of("HTTP_PORT", "0")::get, false, NOWHERE));

        assertTrue(thrown.getMessage().contains("APPROOV_UPSTREAM_URL is not set"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("APPROOV_BASE64_SECRET is not set"), thrown.getMessage());
    }

    @Test
    void jose4jsUnsafeSystemPropertiesStopStartUp() {
        System.setProperty("org.jose4j.jws.default-allow-none", "true");
        try {
            io.github.approovjaxrs.core.ApproovConfigurationException thrown = assertThrows(
                    io.github.approovjaxrs.core.ApproovConfigurationException.class,
                    () -> Main.start(TestGateway.settings(upstream.url())::get, false, NOWHERE));
            assertTrue(thrown.getMessage().contains("org.jose4j.jws.default-allow-none"), thrown.getMessage());
        } finally {
            System.clearProperty("org.jose4j.jws.default-allow-none");
        }
    }

    @Test
    void stopFreesThePortAndMayBeCalledTwice() throws IOException {
        Gateway gateway = Main.start(TestGateway.settings(upstream.url())::get, false, NOWHERE);
        URI base = gateway.clientUri();
        gateway.stop();
        gateway.stop(); // the shutdown hook may run after an explicit stop

        assertThrows(ConnectException.class,
                () -> new Socket().connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000));
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new InetSocketAddress(base.getHost(), base.getPort()));
        }
    }

    @Test
    void withCheckItStartsTheCheckServiceAndPrintsThePolicies() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (CheckService service = Main.startCheckService(TestCheckService.settings()::get, false,
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.startsWith(Main.CHECK_LISTENING + service.clientUri() + "\n"), banner);
            assertTrue(banner.contains("  /approov/check/token          a valid Approov-Token\n"
                    + "  /approov/check/token-binding  a valid Approov-Token bound to Authorization\n"
                    + "  /approov/check/signed         a valid Approov-Token and the app's signature\n"
                    + "  /approov/check/signed-single-use  the same, each signed request once\n"), banner);
            assertFalse(banner.contains("WARNING") || banner.contains("curl"), banner);
            assertEquals(200, RawHttp1.send(service.clientUri(), "GET", "/approov/check/token",
                    "Approov-Token: " + TOKENS.mint()).status());
        }
    }

    @Test
    void withCheckAndDemoItWarnsAndShowsHowToAskAsAProxyDoes() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (CheckService service = Main.startCheckService(Map.of("HTTP_PORT", "0", "APPROOV_LOGGING_ENABLED",
                "false")::get, true, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.startsWith("=".repeat(78) + "\n WARNING: this service accepts tokens signed with"
                    + " APPROOV'S PUBLIC DUMMY\n"), banner);
            assertTrue(banner.contains("curl -i -H 'X-Original-URI: /v1/shapes' " + service.clientUri()
                    + "approov/check/token\n"), banner);
            banner.lines().forEach(line -> assertTrue(line.length() <= 80 || line.startsWith("curl "), line));
            String dummyToken = ApproovTokens.hs256(GatewayConfig.DUMMY_SECRET_BASE64).mint();
            assertEquals(200, RawHttp1.send(service.clientUri(), "GET", "/approov/check/token",
                    "Approov-Token: " + dummyToken).status());
        }
    }

    /** The banner's example for a binding to several headers is one that the service accepts. */
    @Test
    void withCheckAndSeveralBindingHeadersTheBannerShowsEveryHeaderAndItsExampleIsAccepted() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (CheckService service = Main.startCheckService(Map.of("HTTP_PORT", "0", "APPROOV_LOGGING_ENABLED", "false",
                "APPROOV_TOKEN_BINDING_HEADER_NAME", "Authorization,Content-Digest")::get, true,
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains(" PRODUCTION. Set APPROOV_BASE64URL_SECRET to your account's secret\n"
                    + " (`approov secret -get base64url`)"), banner);
            assertTrue(banner.contains("  /approov/check/token-binding  a valid Approov-Token bound to Authorization"
                    + " + Content-Digest\n"), banner);
            assertTrue(banner.contains("curl -i -H \"Approov-Token: $(java -jar shapes-api/target/shapes-api.jar token"
                    + " --bind 'Bearer 0123456789abcdefexample-2')\" -H 'Authorization: Bearer 0123456789abcdef'"
                    + " -H 'Content-Digest: example-2' " + service.clientUri() + "approov/check/token-binding\n"), banner);
            String bound = ApproovTokens.hs256(GatewayConfig.DUMMY_SECRET_BASE64)
                    .boundTo("Bearer 0123456789abcdef", "example-2").mint();
            assertEquals(200, RawHttp1.send(service.clientUri(), "GET", "/approov/check/token-binding",
                    "Approov-Token: " + bound, "Authorization: Bearer 0123456789abcdef", "Content-Digest: example-2")
                    .status());
            assertEquals(401, RawHttp1.send(service.clientUri(), "GET", "/approov/check/token-binding",
                    "Approov-Token: " + bound, "Authorization: Bearer 0123456789abcdef").status());
        }
    }
}
