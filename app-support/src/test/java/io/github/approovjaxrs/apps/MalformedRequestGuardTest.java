package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both kinds of guard in front of a stand-in application, on a real Grizzly server. */
class MalformedRequestGuardTest {

    static final String BAD_REQUEST = "{\"error\":\"bad_request\"}";
    static final String METHOD_NOT_ALLOWED = "{\"error\":\"method_not_allowed\"}";

    /** Answers 200 with the method it saw; at /unparsable fails as Jersey's container fails on such a URI. */
    static final class Application extends HttpHandler {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<String> lifecycle = new CopyOnWriteArrayList<>();

        @Override
        public void service(Request request, Response response) throws IOException {
            seen.add(request.getMethod().getMethodString());
            if (request.getRequestURI().equals("/unparsable")) {
                throw new IllegalArgumentException("Illegal character in path");
            }
            response.setContentLength(2);
            response.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void start() {
            lifecycle.add("start");
        }

        @Override
        public void destroy() {
            lifecycle.add("destroy");
        }
    }

    final Application application = new Application();
    RunningServer server;

    URI serve(MalformedRequestGuard guard) {
        server = RunningServer.start(new ServerAddress("127.0.0.1", 0), guard);
        return server.clientUri();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Sends a request head as given, byte for byte, and reads the whole answer until the server closes. */
    static String exchange(URI base, String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000); // a connection kept open fails the test here instead of hanging it
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void connectIsRefusedWithACompleteAnswerAndTheConnectionClosed() {
        URI base = serve(MalformedRequestGuard.refusingConnect(application, List.of("GET", "POST"), "{}", "{}"));

        String answer = exchange(base, "CONNECT", "example.com:443");

        assertTrue(answer.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), answer);
        assertTrue(answer.contains("\r\nAllow: GET, POST\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Type: application/json\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n{}"), answer); // and the server closed the connection
        assertEquals(List.of(), application.seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "PUT", "PROPFIND"})
    void refusingConnectLeavesEveryOtherMethodToTheApplication(String method) {
        URI base = serve(MalformedRequestGuard.refusingConnect(application, List.of("GET"), "{}", "{}"));

        assertTrue(exchange(base, method, "/x", "Connection: close").startsWith("HTTP/1.1 200 OK\r\n"));
        assertEquals(List.of(method), application.seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "PUT", "PROPFIND", "CONNECT"})
    void servingOnlyRefusesEveryOtherMethodBeforeTheApplication(String method) {
        URI base = serve(MalformedRequestGuard.servingOnly(application, List.of("GET", "POST"), BAD_REQUEST,
                METHOD_NOT_ALLOWED));

        String answer = exchange(base, method, method.equals("CONNECT") ? "example.com:443" : "/x",
                "Connection: close");

        assertTrue(answer.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), answer);
        assertTrue(answer.contains("\r\nAllow: GET, POST\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n" + METHOD_NOT_ALLOWED), answer);
        assertEquals(List.of(), application.seen);
    }

    @Test
    void servingOnlyPassesTheServedMethods() {
        URI base = serve(MalformedRequestGuard.servingOnly(application, List.of("GET", "POST"), BAD_REQUEST,
                METHOD_NOT_ALLOWED));

        assertTrue(exchange(base, "POST", "/x", "Content-Length: 0", "Connection: close")
                .startsWith("HTTP/1.1 200 OK\r\n"));
        assertEquals(List.of("POST"), application.seen);
    }

    @Test
    void connectCannotBeServed() {
        assertThrows(IllegalArgumentException.class, () -> MalformedRequestGuard.servingOnly(application,
                List.of("GET", "CONNECT"), BAD_REQUEST, METHOD_NOT_ALLOWED));
    }

    @Test
    void aUriTheApplicationCannotParseIsABadRequestWithTheAppsBody() {
        for (Map.Entry<MalformedRequestGuard, String> guard : Map.of(
                MalformedRequestGuard.refusingConnect(application, List.of("GET"), "{}", "{}"), "{}",
                MalformedRequestGuard.servingOnly(application, List.of("GET"), BAD_REQUEST, METHOD_NOT_ALLOWED),
                BAD_REQUEST).entrySet()) {
            URI base = serve(guard.getKey());

            String answer = exchange(base, "GET", "/unparsable", "Connection: close");

            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("\r\nContent-Type: application/json\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n" + guard.getValue()), answer);
            server.stop();
        }
    }

    @Test
    void theApplicationStartsAndStopsWithTheServer() {
        serve(MalformedRequestGuard.refusingConnect(application, List.of("GET"), "{}", "{}"));
        assertEquals(List.of("start"), application.lifecycle);

        server.stop();

        assertEquals(List.of("start", "destroy"), application.lifecycle);
    }

    /** Grizzly dispatches by the handler it was given: the guard's application decides where its requests run. */
    @Test
    void theApplicationChoosesWhereItsRequestsRun() {
        RequestExecutorProvider sameThread = new RequestExecutorProvider.SameThreadProvider();
        HttpHandler application = new HttpHandler() {
            @Override
            public void service(Request request, Response response) {
            }

            @Override
            public RequestExecutorProvider getRequestExecutorProvider() {
                return sameThread;
            }
        };

        assertSame(sameThread, MalformedRequestGuard.refusingConnect(application, List.of("GET"), BAD_REQUEST,
                METHOD_NOT_ALLOWED).getRequestExecutorProvider());
        assertSame(sameThread, MalformedRequestGuard.servingOnly(application, List.of("GET"), BAD_REQUEST,
                METHOD_NOT_ALLOWED).getRequestExecutorProvider());
    }
}
