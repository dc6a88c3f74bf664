package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upstream down, silent, slow or breaking off: a 502 or 504 with a JSON body, or a closed connection; no hang. */
class UpstreamFailureTest {

    /** Short, so the tests are quick; the upstreams below stay silent far longer. */
    static final String SHORT = "300";
    static final long SILENCE_MILLIS = 60_000;

    String token;

    @BeforeEach
    void mintToken() {
        token = TOKENS.mint();
    }

    RawHttp1.Answer get(TestGateway gateway) {
        return RawHttp1.send(gateway.base(), "GET", "/v1/shapes", "Approov-Token: " + token);
    }

    static void assertGatewayError(int status, String code, RawHttp1.Answer answer) {
        assertEquals(status, answer.status());
        assertEquals(List.of("application/json"), answer.header("Content-Type"));
        assertEquals("{\"error\":\"" + code + "\"}", answer.bodyText());
    }

    @Test
    void anUpstreamThatIsDownGets502() throws IOException {
        int closedPort;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = reserved.getLocalPort();
        }
        try (TestGateway gateway = TestGateway.inFrontOf("http://127.0.0.1:" + closedPort)) {
            assertGatewayError(502, "upstream_unreachable", get(gateway));
        }
    }

    @Test
    void anUpstreamThatDoesNotAnswerGets504AfterTheReadTimeout() {
        try (ScriptedUpstream silent = new ScriptedUpstream((head, out) -> Thread.sleep(SILENCE_MILLIS));
             TestGateway gateway = TestGateway.inFrontOf(silent.url(), GatewayConfig.READ_TIMEOUT, SHORT)) {
            assertGatewayError(504, "upstream_timeout", get(gateway));
            assertEquals(1, silent.requests());
        }
    }

    @Test
    void anUpstreamThatTakesNoConnectionGets504AfterTheConnectTimeout() throws IOException {
        // A listening socket that never accepts, its queue filled: the kernel drops further SYNs, so a
        // connection attempt neither succeeds nor is refused.
        try (ServerSocket neverAccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(neverAccepting.getLocalPort());
            try (TestGateway gateway = TestGateway.inFrontOf("http://127.0.0.1:" + neverAccepting.getLocalPort(),
                    GatewayConfig.CONNECT_TIMEOUT, SHORT)) {
                assertGatewayError(504, "upstream_timeout", get(gateway));
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /** Connects until an attempt times out, which proves the queue full; fails if none does. */
    static List<Socket> fillAcceptQueue(int port) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                sockets.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return sockets;
            }
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        throw new AssertionError("64 connections to a socket that never accepts all succeeded:"
                + " this system does not drop connection attempts when the accept queue is full");
    }

    @Test
    void anUpstreamThatHangsUpWithoutAnsweringGets502() {
        try (ScriptedUpstream rude = new ScriptedUpstream((head, out) -> { });
             TestGateway gateway = TestGateway.inFrontOf(rude.url())) {
            assertGatewayError(502, "upstream_unreachable", get(gateway));
        }
    }

    @Test
    void anAnswerThatIsNoHttpGets502() {
        try (ScriptedUpstream odd = new ScriptedUpstream((head, out) ->
                out.write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
             TestGateway gateway = TestGateway.inFrontOf(odd.url())) {
            assertGatewayError(502, "upstream_unreachable", get(gateway));
        }
    }

    @Test
    void aStatusOutsideTheHttpRangeGets502() {
        try (ScriptedUpstream odd = new ScriptedUpstream((head, out) ->
                out.write(ScriptedUpstream.answer("HTTP/1.1 600 Beyond", "Content-Length: 0", "")));
             TestGateway gateway = TestGateway.inFrontOf(odd.url())) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals(502, answer.status());
            assertTrue(answer.bodyText().startsWith("{\"error\":\"upstream_"), answer.bodyText());
        }
    }

    @Test
    void aBodyThatStallsEndsTheClientsConnectionShortOfItsContentLength() {
        try (ScriptedUpstream stalling = new ScriptedUpstream((head, out) -> {
            out.write(ScriptedUpstream.answer("HTTP/1.1 200 OK", "Content-Length: 100", "0123456789"));
            out.flush();
            Thread.sleep(SILENCE_MILLIS);
        });
             TestGateway gateway = TestGateway.inFrontOf(stalling.url(), GatewayConfig.READ_TIMEOUT, SHORT)) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals(200, answer.status());
            assertEquals(List.of("100"), answer.header("Content-Length"));
            assertEquals("0123456789", answer.bodyText());
            assertFalse(answer.complete(), "the connection should have ended before the promised 100 bytes");
        }
    }

    @Test
    void aChunkedBodyThatStallsEndsWithoutItsLastChunk() {
        try (ScriptedUpstream stalling = new ScriptedUpstream((head, out) -> {
            out.write(ScriptedUpstream.answer("HTTP/1.1 200 OK", "Transfer-Encoding: chunked", "a\r\n0123456789\r\n"));
            out.flush();
            Thread.sleep(SILENCE_MILLIS);
        });
             TestGateway gateway = TestGateway.inFrontOf(stalling.url(), GatewayConfig.READ_TIMEOUT, SHORT)) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals(200, answer.status());
            assertEquals("0123456789", answer.bodyText());
            assertFalse(answer.complete(), "a stalled body was passed off as complete");
        }
    }

    @Test
    void aBodyThatBreaksOffEndsTheClientsConnectionShortOfItsContentLength() {
        try (ScriptedUpstream breaking = new ScriptedUpstream((head, out) ->
                out.write(ScriptedUpstream.answer("HTTP/1.1 200 OK", "Content-Length: 100", "0123456789")));
             TestGateway gateway = TestGateway.inFrontOf(breaking.url())) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals(200, answer.status());
            assertFalse(answer.complete(), "the connection should have ended before the promised 100 bytes");
        }
    }

    @Test
    void aChunkedBodyThatBreaksOffEndsWithoutItsLastChunk() {
        try (ScriptedUpstream breaking = new ScriptedUpstream((head, out) -> out.write(
                ScriptedUpstream.answer("HTTP/1.1 200 OK", "Transfer-Encoding: chunked", "a\r\n0123456789\r\n")));
             TestGateway gateway = TestGateway.inFrontOf(breaking.url())) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals(200, answer.status());
            assertFalse(answer.complete(), "a broken body was passed off as complete");
        }
    }

    @Test
    void aSlowButSteadyBodyIsRelayedWhole() {
        // Each pause is well within the read timeout, their sum beyond it: the timeout is per pause.
        try (ScriptedUpstream steady = new ScriptedUpstream((head, out) -> {
            out.write(ScriptedUpstream.answer("HTTP/1.1 200 OK", "Content-Length: 10", ""));
            for (char c : "slow, slow".toCharArray()) {
                out.write(c);
                out.flush();
                Thread.sleep(150);
            }
        });
             TestGateway gateway = TestGateway.inFrontOf(steady.url(), GatewayConfig.READ_TIMEOUT, "1000")) {
            RawHttp1.Answer answer = get(gateway);
            assertEquals("slow, slow", answer.bodyText());
            assertTrue(answer.complete());
        }
    }

    @Test
    void theGatewayGoesOnServingAfterAnUpstreamFailure() {
        try (RecordingUpstream upstream = new RecordingUpstream();
             TestGateway gateway = TestGateway.inFrontOf(upstream.url())) {
            upstream.answering(exchange -> {
                throw new IOException("hang up");
            });
            assertGatewayError(502, "upstream_unreachable", get(gateway));
            upstream.answering(RecordingUpstream.OK);
            RawHttp1.Answer answer = get(gateway);
            assertEquals(200, answer.status());
            assertEquals("ok", answer.bodyText());
        }
    }
}
