package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real server, as Main starts it, on a free loopback port. */
class MainTest {

    static final Map<String, String> QUIET = Map.of("HTTP_PORT", "0", "APPROOV_LOGGING_ENABLED", "false");
    static final Pattern LISTENING = Pattern.compile("Shapes API listening on (http://127\\.0\\.0\\.1:\\d+/)");
    static final Pattern CURL_HEADER = Pattern.compile("-H '([^:]+): ([^']*)'");
    static final Pattern CURL_DATA = Pattern.compile("--data-binary '([^']*)'");
    static final Pattern CURL_METHOD = Pattern.compile(" -X (\\w+) ");

    static Map<String, String> with(String... nameValuePairs) {
        Map<String, String> environment = new HashMap<>(QUIET);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            environment.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return environment;
    }

    /** Sends one request line and headers as given, byte for byte, and returns the status line. */
    static String rawStatusLine(URI base, String target, String host) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutASecret {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunningServer server;
        String banner;
        URI base;

        @BeforeAll
        void start() {
            server = Main.start(QUIET::get, new PrintStream(console, true, StandardCharsets.UTF_8));
            banner = console.toString(StandardCharsets.UTF_8);
            Matcher listening = LISTENING.matcher(banner);
            assertTrue(listening.find(), banner);
            base = URI.create(listening.group(1));
        }

        @AfterAll
        void stop() {
            server.stop();
        }

        @Test
        void listensOnTheFreePortItPrints() {
            assertEquals(server.clientUri(), base);
            assertTrue(base.getPort() > 0);
        }

        @Test
        void everyPrintedCurlLineGetsTheStatusItsCommentPromises() {
            List<String> lines = banner.lines().toList();
            int checked = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("curl ")) {
                    continue;
                }
                String comment = lines.subList(0, i).stream().filter(l -> l.startsWith("# ")).reduce((a, b) -> b)
                        .orElseThrow();
                int promised = Integer.parseInt(comment.substring(comment.length() - 3));
                assertEquals(promised, curl(lines.get(i)).statusCode(), lines.get(i));
                checked++;
            }
            // 3 of them account-signed, with the key generated for the run; the single-use order twice, 201 then 401
            assertEquals(16, checked);
        }

        /** Runs a printed curl line with java.net.http: its -X method, -H headers, --data-binary body and URL. */
        HttpResponse<String> curl(String line) {
            Matcher header = CURL_HEADER.matcher(line);
            List<String> headers = new java.util.ArrayList<>();
            while (header.find()) {
                headers.add(header.group(1));
                headers.add(header.group(2));
            }
            Matcher data = CURL_DATA.matcher(line);
            byte[] body = data.find() ? data.group(1).getBytes(StandardCharsets.UTF_8) : null;
            Matcher method = CURL_METHOD.matcher(line);
            String verb = method.find() ? method.group(1) : body == null ? "GET" : "POST";
            URI url = URI.create(line.substring(line.lastIndexOf(' ') + 1).replace("'", ""));
            assertEquals(base.getAuthority(), url.getAuthority());
            return RawHttp.send(url, verb, body, headers.toArray(String[]::new));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/%zz", "/v2/shapes?a=%zz", "/v1/hello|x", "/v1/hello^", "/v1/<x>", "/v1/\"x\""})
        void aRequestJerseyCannotParseIsABadRequestNotA500(String target) {
            assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine(base, target, "127.0.0.1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b", "[::1", "%zz"})
        void aHostHeaderThatIsNoHostIsABadRequest(String host) {
            assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine(base, "/v1/hello", host));
        }

        @Test
        void connectIsRefusedWithACompleteAnswerAndTheConnectionClosed() throws IOException {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000); // a kept-open tunnel would fail here, not hang the build
                socket.getOutputStream().write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), response);
                assertTrue(response.contains("\r\nContent-Type: application/json\r\n"), response);
                assertTrue(response.endsWith("\r\n\r\n{}"), response); // and the server closed the connection
            }
        }

        @Test
        void unknownPathsAreNotFound() {
            assertEquals("HTTP/1.1 404 Not Found", rawStatusLine(base, "/nowhere", "127.0.0.1"));
        }

        @Test
        void aSecondServerOnTheSamePortStopsWithAClearMessage() {
            StartupException thrown = assertThrows(StartupException.class, () -> Main.start(
                    with("HTTP_PORT", String.valueOf(base.getPort()))::get,
                    new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
            assertTrue(thrown.getMessage().startsWith("Cannot listen on 127.0.0.1:" + base.getPort() + " ("),
                    thrown.getMessage());
            assertTrue(thrown.getMessage().contains("HTTP_PORT"), thrown.getMessage());
            assertEquals(0, thrown.getStackTrace().length);
        }
    }

    @Test
    void stopFreesThePort() throws IOException {
        RunningServer server = Main.start(QUIET::get, new PrintStream(OutputStream.nullOutputStream(), true,
                StandardCharsets.UTF_8));
        URI base = server.clientUri();
        assertEquals(200, RawHttp.get(base.resolve("v1/hello")).statusCode());
        server.stop();
        server.stop(); // idempotent, as the shutdown hook may run after a test's own stop
        assertThrows(ConnectException.class,
                () -> new Socket().connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000));
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new InetSocketAddress(base.getHost(), base.getPort()));
        }
    }

    @Test
    void withARealSecretItPrintsNoToken() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (RunningServer server = Main.start(
                with("APPROOV_BASE64_SECRET", io.github.approovjaxrs.TestSecret.SECRET_BASE64)::get,
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            String banner = console.toString(StandardCharsets.UTF_8);
            assertTrue(banner.startsWith("Shapes API listening on " + server.clientUri()), banner);
            assertTrue(!banner.contains("eyJ") && !banner.contains("curl"), banner);
            assertEquals(401, RawHttp.get(server.clientUri().resolve("v2/shapes")).statusCode());
        }
    }

    @Test
    void anInvalidSecretStopsStartUpWithTheLibrarysMessage() {
        ApproovConfigurationException thrown = assertThrows(ApproovConfigurationException.class,
                () -> Main.start(with("APPROOV_BASE64_SECRET", "c2hvcnQ=")::get,
                        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(thrown.getMessage().contains("an HS256 secret must be at least 32 bytes"), thrown.getMessage());
    }

    @Test
    void anInvalidPortStopsStartUpBeforeAnythingListens() {
        StartupException thrown = assertThrows(StartupException.class,
                () -> Main.start(with("HTTP_PORT", "eighty")::get,
                        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(thrown.getMessage().startsWith("HTTP_PORT must be a port number"), thrown.getMessage());
    }

    @Test
    void theTokenCommandPointsAtTheJarOrTheReadmePath() {
        assertEquals("java -jar shapes-api/target/shapes-api.jar token", Main.tokenCommand());
    }
}
