package io.github.approovjaxrs.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers with raw bytes on a loopback socket, for what a well-behaved server never sends:
 * bodies that break off or stall, odd statuses, silence. Reads each request's head, then runs the script.
 */
final class ScriptedUpstream implements AutoCloseable {

    /** What to do with one connection once the request head has been read. */
    @FunctionalInterface
    interface Script {
        void run(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    ScriptedUpstream(Script script) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread handler = new Thread(() -> serve(socket, script), "scripted-upstream");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "scripted-upstream-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code HTTP/1.1 200 OK}, the given header lines and body bytes, as one answer. */
    static byte[] answer(String statusLine, String headerLines, String body) {
        return (statusLine + "\r\n" + headerLines + (headerLines.isEmpty() ? "" : "\r\n") + "\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many request heads arrived. */
    int requests() {
        return requests.get();
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
                matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
            }
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            script.run(head.toString(StandardCharsets.ISO_8859_1), out);
            out.flush();
        } catch (IOException | InterruptedException ended) {
            // the gateway hung up, or the test is over
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
