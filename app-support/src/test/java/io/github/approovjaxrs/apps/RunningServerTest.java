package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.Test;

class RunningServerTest {

    static final HttpHandler NO_CONTENT = new HttpHandler() {
        @Override
        public void service(Request request, Response response) {
            response.setStatus(204);
        }
    };

    @Test
    void listensOnAFreePortAndSaysWhich() throws IOException {
        try (RunningServer server = RunningServer.start(new ServerAddress("127.0.0.1", 0), NO_CONTENT)) {
            URI base = server.clientUri();
            assertEquals("127.0.0.1", base.getHost());
            assertTrue(base.getPort() > 0, base.toString());
            try (Socket client = new Socket(base.getHost(), base.getPort())) {
                assertTrue(client.isConnected());
            }
        }
    }

    @Test
    void aWildcardAddressIsCalledOnLoopback() {
        try (RunningServer server = RunningServer.start(new ServerAddress("0.0.0.0", 0), NO_CONTENT)) {
            assertEquals("127.0.0.1", server.clientUri().getHost());
        }
    }

    @Test
    void theConfigurationRunsOnceBeforeTheServerListens() {
        List<Boolean> listeningWhenConfigured = new ArrayList<>();
        try (RunningServer server = RunningServer.start(new ServerAddress("127.0.0.1", 0), NO_CONTENT,
                grizzly -> listeningWhenConfigured.add(
                        grizzly.getListeners().stream().anyMatch(NetworkListener::isStarted)))) {
            assertTrue(server.clientUri().getPort() > 0);
        }
        assertEquals(List.of(false), listeningWhenConfigured);
    }

    @Test
    void aPortInUseIsAStartupFailureThatNamesTheVariables() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StartupException thrown = assertThrows(StartupException.class, () -> RunningServer.start(
                    new ServerAddress("127.0.0.1", taken.getLocalPort()), NO_CONTENT));

            assertTrue(thrown.getMessage().startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + " ("),
                    thrown.getMessage());
            assertTrue(thrown.getMessage().endsWith("): set HTTP_HOST to an address of this machine and HTTP_PORT"
                    + " to a free port (0 picks one)."), thrown.getMessage());
            assertEquals(0, thrown.getStackTrace().length);
        }
    }

    @Test
    void anUnknownHostIsReportedAsSuchBeforeListening() {
        StartupException thrown = assertThrows(StartupException.class,
                () -> RunningServer.start(new ServerAddress("nohost.invalid", 0), NO_CONTENT));

        assertTrue(thrown.getMessage().startsWith("HTTP_HOST cannot be resolved"), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("; got \"nohost.invalid\"."), thrown.getMessage());
    }

    @Test
    void stopFreesThePortAndMayBeCalledAgain() throws IOException {
        RunningServer server = RunningServer.start(new ServerAddress("127.0.0.1", 0), NO_CONTENT);
        URI base = server.clientUri();

        server.stop();
        server.stop();

        assertThrows(ConnectException.class,
                () -> new Socket().connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000));
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new InetSocketAddress(base.getHost(), base.getPort()));
        }
    }
}
