package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests with a valid token, forwarded to a real upstream on loopback: what goes out, what comes back. */
class GatewayForwardingTest {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Raw path and query with escapes, a matrix parameter, a + and an empty parameter, none to be touched. */
    static final String ODD_TARGET = "/a/b%2Fc;m=1/%7Euser/%E2%82%AC?x=%41&y=a+b&z&e=%E2%82%AC";
    static final int MEGABYTE = 1024 * 1024;

    static RecordingUpstream upstream;
    static TestGateway gateway;
    String token;

    @BeforeAll
    static void start() {
        upstream = new RecordingUpstream();
        gateway = TestGateway.inFrontOf(upstream.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void freshUpstream() {
        upstream.reset();
        token = TOKENS.mint();
    }

    static HttpResponse<byte[]> send(URI uri, String method, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void everyMethodIsForwardedWithItsRawPathAndQueryUntouched(String method) {
        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), method, ODD_TARGET, "Approov-Token: " + token);

        assertEquals(200, answer.status());
        RecordingUpstream.Received received = upstream.only();
        assertEquals(method, received.method());
        assertEquals("/a/b%2Fc;m=1/%7Euser/%E2%82%AC", received.rawPath());
        assertEquals("x=%41&y=a+b&z&e=%E2%82%AC", received.rawQuery());
        assertEquals(method.equals("HEAD") ? "" : "ok", answer.bodyText());
    }

    @Test
    void unsafeCharactersInTheQueryAreEscapedAsJerseyEscapedThem() {
        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", "/q?f={\"a\":1}&p=a|b&x=%7C`^\\",
                "Approov-Token: " + token);

        assertEquals(400, answer.status(), "a quote is no URI character, in the query as anywhere");
        assertTrue(upstream.received().isEmpty());

        assertEquals(200, RawHttp1.send(gateway.base(), "GET", "/q?f={a}&p=a|b&x=%7C`^\\",
                "Approov-Token: " + token).status());
        assertEquals("/q", upstream.only().rawPath());
        assertEquals("f=%7Ba%7D&p=a%7Cb&x=%7C%60%5E%5C", upstream.only().rawQuery());
    }

    @Test
    void theUpstreamsBasePathComesBeforeTheRequestPath() {
        try (TestGateway based = TestGateway.inFrontOf(upstream.url() + "/base/")) {
            assertEquals(200, send(based.at("/v1/shapes?x=1"), "GET", HttpRequest.BodyPublishers.noBody(),
                    "Approov-Token", token).statusCode());
        }
        assertEquals("/base/v1/shapes", upstream.only().rawPath());
        assertEquals("x=1", upstream.only().rawQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "GET", "OPTIONS"})
    void theBodyIsForwardedWhateverTheMethod(String method) throws IOException {
        byte[] body = "{\"id\":7,\"name\":\"Cube\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = send(gateway.at("/items/7"), method,
                HttpRequest.BodyPublishers.ofByteArray(body), "Approov-Token", token,
                "Content-Type", "application/json");

        assertEquals(200, response.statusCode());
        RecordingUpstream.Received received = upstream.only();
        assertEquals(method, received.method());
        assertEquals(RecordingUpstream.digest(new ByteArrayInputStream(body)).sha256(), received.bodySha256());
        assertEquals(List.of(String.valueOf(body.length)), received.header("Content-Length"));
        assertEquals(List.of("application/json"), received.header("Content-Type"));
    }

    @Test
    void aChunkedRequestBodyIsForwardedChunkedAndIntact() throws IOException {
        String head = "POST /upload HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nApproov-Token: " + token
                + "\r\nTransfer-Encoding: chunked";
        byte[] chunks = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(200, RawHttp1.send(gateway.base(), head, chunks).status());

        RecordingUpstream.Received received = upstream.only();
        assertEquals(11, received.bodyLength());
        assertEquals(RecordingUpstream.digest(new ByteArrayInputStream("hello world".getBytes(StandardCharsets.UTF_8)))
                .sha256(), received.bodySha256());
        assertFalse(received.hasHeader("Content-Length"));
    }

    @Test
    void aClientExpectingContinueGetsItAndItsBodyIsForwardedWithoutTheExpectation() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(gateway.at("/upload"))
                .header("Approov-Token", token).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(7, upstream.only().bodyLength());
        assertFalse(upstream.only().hasHeader("Expect"));
    }

    @Test
    void aFormPostIsForwardedAsItsBytesNotAsParsedParameters() {
        String form = "a=1&b=%E2%82%AC&a=2&c";
        send(gateway.at("/form"), "POST", HttpRequest.BodyPublishers.ofString(form), "Approov-Token", token,
                "Content-Type", "application/x-www-form-urlencoded");

        assertEquals(form.length(), upstream.only().bodyLength());
    }

    @Test
    void severalMegabytesCrossTheGatewayIntactBothWays() throws IOException {
        byte[] up = randomBytes(6 * MEGABYTE, 1);
        byte[] down = randomBytes(7 * MEGABYTE, 2);
        upstream.answering(exchange -> {
            exchange.sendResponseHeaders(200, down.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(down);
            }
        });

        HttpResponse<byte[]> response = send(gateway.at("/bulk"), "PUT", HttpRequest.BodyPublishers.ofByteArray(up),
                "Approov-Token", token);

        assertEquals(200, response.statusCode());
        assertEquals(up.length, upstream.only().bodyLength());
        assertEquals(RecordingUpstream.digest(new ByteArrayInputStream(up)).sha256(), upstream.only().bodySha256());
        assertEquals(List.of(String.valueOf(down.length)), response.headers().allValues("Content-Length"));
        assertArrayEquals(down, response.body());
    }

    @Test
    void aRequestBodyReachesTheUpstreamBeforeTheClientHasSentAllOfIt() throws Exception {
        CountDownLatch upstreamHasHalfAMegabyte = new CountDownLatch(1);
        upstream.leavingTheBodyToTheAnswer().answering(exchange -> {
            InputStream body = exchange.getRequestBody();
            byte[] buffer = new byte[16384];
            long received = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                received += n;
                if (received >= MEGABYTE / 2) {
                    upstreamHasHalfAMegabyte.countDown();
                }
            }
            RecordingUpstream.respond(exchange, 200, String.valueOf(received));
        });
        // The client sends one megabyte, then holds the other three back until the upstream has half a
        // megabyte: a gateway that read the whole body before forwarding it would wait for ever. (Half, as
        // each HTTP client on the way may keep the chunk it has just read until it reads the next.)
        InputStream body = new InputStream() {
            long sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent == MEGABYTE && !await(upstreamHasHalfAMegabyte)) {
                    throw new IOException("the upstream did not get the first bytes while the rest was held back");
                }
                if (sent == 4L * MEGABYTE) {
                    return -1;
                }
                int n = (int) Math.min(length, (sent < MEGABYTE ? MEGABYTE : 4L * MEGABYTE) - sent);
                sent += n;
                return n;
            }
        };

        HttpResponse<byte[]> response = send(gateway.at("/stream"), "POST",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        4L * MEGABYTE), "Approov-Token", token);

        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(4 * MEGABYTE), new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aResponseBodyReachesTheClientBeforeTheUpstreamHasSentAllOfIt() throws Exception {
        CountDownLatch clientHasTheFirstBytes = new CountDownLatch(1);
        AtomicBoolean clientGotThemInTime = new AtomicBoolean();
        byte[] first = randomBytes(1000, 3);
        byte[] rest = randomBytes(3 * MEGABYTE, 4);
        upstream.answering(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write(first);
            out.flush();
            // A gateway that buffered the whole answer would hold these first bytes back until the end.
            clientGotThemInTime.set(await(clientHasTheFirstBytes));
            out.write(rest);
            out.close();
        });

        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(gateway.at("/stream"))
                .header("Approov-Token", token).build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] received;
        try (InputStream in = response.body()) {
            byte[] start = in.readNBytes(first.length);
            clientHasTheFirstBytes.countDown();
            byte[] end = in.readAllBytes();
            received = new byte[start.length + end.length];
            System.arraycopy(start, 0, received, 0, start.length);
            System.arraycopy(end, 0, received, start.length, end.length);
        }

        assertTrue(clientGotThemInTime.get(), "the first bytes reached the client only after the last were sent");
        assertEquals(first.length + rest.length, received.length);
        assertArrayEquals(first, java.util.Arrays.copyOf(received, first.length));
    }

    @Test
    void headersAreForwardedEveryLineOfThem() {
        RawHttp1.send(gateway.base(), "GET", "/h", "Approov-Token: " + token, "X-Multi: one", "X-Multi: two",
                "Authorization: Bearer 0123456789abcdef", "Cookie: session=abc", "Accept: application/json",
                "User-Agent: ShapesApp/1.0", "X-Empty:");

        RecordingUpstream.Received received = upstream.only();
        assertEquals(List.of("one", "two"), received.header("X-Multi"));
        assertEquals(List.of("Bearer 0123456789abcdef"), received.header("Authorization"));
        assertEquals(List.of("session=abc"), received.header("Cookie"));
        assertEquals(List.of("application/json"), received.header("Accept"));
        assertEquals(List.of("ShapesApp/1.0"), received.header("User-Agent"));
        assertEquals(List.of(""), received.header("X-Empty"));
    }

    @Test
    void theTokenHeaderIsRemovedBeforeForwardingByDefault() {
        RawHttp1.send(gateway.base(), "GET", "/h", "approov-token: " + token);

        assertFalse(upstream.only().hasHeader("Approov-Token"));
    }

    @Test
    void theTokenHeaderIsForwardedWhenConfiguredSo() {
        try (TestGateway keeping = TestGateway.inFrontOf(upstream.url(), "APPROOV_STRIP_TOKEN_HEADER", "false")) {
            RawHttp1.send(keeping.base(), "GET", "/h", "Approov-Token: " + token);
        }

        assertEquals(List.of(token), upstream.only().header("Approov-Token"));
    }

    @Test
    void hopByHopHeadersStayOnTheClientsConnection() {
        RawHttp1.send(gateway.base(), "GET /h HTTP/1.1\r\nHost: gateway.example\r\nConnection: close, X-Hop"
                + "\r\nX-Hop: private to the first hop\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive"
                + "\r\nTE: trailers\r\nTrailer: X-Checksum\r\nUpgrade: websocket\r\nProxy-Authorization: Basic eDp5"
                + "\r\nX-End-To-End: yes\r\nApproov-Token: " + token, new byte[0]);

        RecordingUpstream.Received received = upstream.only();
        for (String hop : List.of("X-Hop", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
                "Proxy-Authorization")) {
            assertFalse(received.hasHeader(hop), hop + " was forwarded: " + received.headers());
        }
        assertFalse(received.header("Connection").stream().anyMatch(v -> v.contains("X-Hop")), received.toString());
        assertEquals(List.of("yes"), received.header("X-End-To-End"));
        assertEquals(List.of(upstream.uri().getAuthority()), received.header("Host"));
    }

    @Test
    void xForwardedHeadersStartWithThisHopWhenTheClientSentNone() {
        RawHttp1.send(gateway.base(), "GET /h HTTP/1.1\r\nHost: gateway.example:8003\r\nConnection: close"
                + "\r\nApproov-Token: " + token, new byte[0]);

        RecordingUpstream.Received received = upstream.only();
        assertEquals(List.of("127.0.0.1"), received.header("X-Forwarded-For"));
        assertEquals(List.of("http"), received.header("X-Forwarded-Proto"));
        assertEquals(List.of("gateway.example:8003"), received.header("X-Forwarded-Host"));
    }

    @Test
    void xForwardedHeadersGetThisHopAppendedToTheEarlierProxies() {
        RawHttp1.send(gateway.base(), "GET /h HTTP/1.1\r\nHost: gateway.internal\r\nConnection: close"
                + "\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 198.51.100.2, 10.0.0.1"
                + "\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: api.example.com\r\nApproov-Token: " + token,
                new byte[0]);

        RecordingUpstream.Received received = upstream.only();
        assertEquals(List.of("203.0.113.7, 198.51.100.2, 10.0.0.1, 127.0.0.1"), received.header("X-Forwarded-For"));
        assertEquals(List.of("https, http"), received.header("X-Forwarded-Proto"));
        assertEquals(List.of("api.example.com, gateway.internal"), received.header("X-Forwarded-Host"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 203, 206, 226, 299, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 409,
            418, 422, 429, 451, 499, 500, 501, 502, 503, 504, 599})
    void theUpstreamsStatusHeadersAndBodyComeBackUnchanged(int status) {
        upstream.answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.shapes+json; charset=utf-8");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2; HttpOnly");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"shapes\"");
            exchange.getResponseHeaders().add("Location", "/next?page=2");
            exchange.getResponseHeaders().add("X-Upstream", "yes");
            RecordingUpstream.respond(exchange, status, "{\"status\":" + status + "}");
        });

        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", "/s", "Approov-Token: " + token,
                "Accept: text/html");

        assertEquals(status, answer.status());
        assertEquals(List.of("application/vnd.shapes+json; charset=utf-8"), answer.header("Content-Type"));
        assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), answer.header("Set-Cookie"));
        assertEquals(List.of("Bearer realm=\"shapes\""), answer.header("WWW-Authenticate"));
        assertEquals(List.of("/next?page=2"), answer.header("Location"));
        assertEquals(List.of("yes"), answer.header("X-Upstream"));
        assertEquals("{\"status\":" + status + "}", answer.bodyText());
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void answersWithoutABodyComeBackWithoutOne(int status) {
        upstream.answering(exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(status, -1);
        });

        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", "/s", "Approov-Token: " + token);

        assertEquals(status, answer.status());
        assertEquals(List.of("\"v1\""), answer.header("ETag"));
        assertEquals(0, answer.body().length);
        assertTrue(answer.header("Content-Type").isEmpty(), answer.headers().toString());
    }

    @Test
    void aNotModifiedWithTheRepresentationsContentLengthComesBackWithoutABody() throws IOException {
        try (ScriptedUpstream scripted = new ScriptedUpstream((head, out) -> out.write(ScriptedUpstream.answer(
                "HTTP/1.1 304 Not Modified", "Content-Length: 1234\r\nETag: \"v7\"", "")));
             TestGateway front = TestGateway.inFrontOf(scripted.url());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", front.base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /s HTTP/1.1\r\nHost: g\r\nConnection: close\r\nApproov-Token: "
                    + token + "\r\nIf-None-Match: \"v7\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            RawHttp1.Answer answer = RawHttp1.readHead(socket.getInputStream());

            assertEquals(304, answer.status());
            assertEquals(List.of("\"v7\""), answer.header("ETag"));
            assertTrue(answer.complete(), "a body followed the 304, or the connection was kept waiting");
        }
    }

    @Test
    void aBodyWithoutContentTypeComesBackWithoutOne() {
        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", "/s", "Approov-Token: " + token,
                "Accept: application/json");

        assertEquals("ok", answer.bodyText());
        assertTrue(answer.header("Content-Type").isEmpty(), "invented: " + answer.header("Content-Type"));
    }

    @Test
    void aContentTypeJerseyCannotParseComesBackAsItIs() {
        upstream.answering(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "not a media type");
            RecordingUpstream.respond(exchange, 200, "odd");
        });

        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", "/s", "Approov-Token: " + token);

        assertEquals(200, answer.status());
        assertEquals(List.of("not a media type"), answer.header("Content-Type"));
        assertEquals("odd", answer.bodyText());
    }

    @Test
    void theAnswerToHeadKeepsTheUpstreamsContentLengthAndInventsNoContentType() throws IOException {
        try (ScriptedUpstream scripted = new ScriptedUpstream((head, out) -> out.write(ScriptedUpstream.answer(
                "HTTP/1.1 200 OK", "Content-Length: 1234\r\nETag: \"v7\"", "")));
             TestGateway front = TestGateway.inFrontOf(scripted.url());
             java.net.Socket socket = new java.net.Socket("127.0.0.1", front.base().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("HEAD /s HTTP/1.1\r\nHost: g\r\nConnection: close\r\nApproov-Token: "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            RawHttp1.Answer answer = RawHttp1.readHead(socket.getInputStream());

            assertEquals(200, answer.status());
            assertEquals(List.of("1234"), answer.header("Content-Length"));
            assertEquals(List.of("\"v7\""), answer.header("ETag"));
            assertTrue(answer.header("Content-Type").isEmpty(), answer.headers().toString());
            assertTrue(answer.complete(), "a body followed the answer to HEAD");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "PROPFIND", "CONNECT", "BREW"})
    void otherMethodsGet405AndAreNotForwarded(String method) {
        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), method, "/h", "Approov-Token: " + token);

        assertEquals(405, answer.status());
        assertEquals(List.of("GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS"), answer.header("Allow"));
        assertEquals("{\"error\":\"method_not_allowed\"}", answer.bodyText());
        assertTrue(answer.complete());
        assertTrue(upstream.received().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a|b", "/%zz", "/v1/\"x\"", "/q?a=%zz"})
    void aTargetThatIsNoUriIsABadRequestAndIsNotForwarded(String target) {
        RawHttp1.Answer answer = RawHttp1.send(gateway.base(), "GET", target, "Approov-Token: " + token);

        assertEquals(400, answer.status());
        assertEquals(List.of("application/json"), answer.header("Content-Type"));
        assertEquals("{\"error\":\"bad_request\"}", answer.bodyText());
        assertTrue(upstream.received().isEmpty());
    }

    @Test
    void manyRequestsAreForwardedAtOnce() throws Exception {
        int clients = 12; // three times Grizzly's default worker pool on two cores
        CountDownLatch allArrived = new CountDownLatch(clients);
        upstream.answering(exchange -> {
            allArrived.countDown();
            RecordingUpstream.respond(exchange, await(allArrived) ? 200 : 500, "together");
        });

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            responses.add(CLIENT.sendAsync(HttpRequest.newBuilder(gateway.at("/c/" + i)).timeout(Duration.ofSeconds(30))
                    .header("Approov-Token", token).build(), HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(clients, upstream.received().size());
    }

    /** Waits for the latch; a generous bound so a test fails rather than hangs when the gateway buffers. */
    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
