package io.github.approovjaxrs.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real upstream on a free loopback port (the JDK's HTTP server): records every request it receives, then
 * answers as the test says (by default 200 with body "ok").
 */
final class RecordingUpstream implements AutoCloseable {

    /** What the upstream received. Header names as the JDK server spells them, so look them up with header(). */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            long bodyLength, String bodySha256) {

        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        boolean hasHeader(String name) {
            return !header(name).isEmpty();
        }
    }

    /** Answers one exchange after its request was recorded. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    static final Answer OK = exchange -> respond(exchange, 200, "ok");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer = OK;
    private volatile boolean drainBody = true;

    RecordingUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                if (drainBody) {
                    record(exchange, digest(exchange.getRequestBody()));
                } else {
                    record(exchange, null);
                }
                answer.answer(exchange);
            } catch (IOException | RuntimeException failed) {
                exchange.close();
                throw failed;
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:34567}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri() {
        return URI.create(url());
    }

    /** Answer every further request with {@code answer}. */
    RecordingUpstream answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    /** Leave the request body for the answer to read (streaming tests), recording no digest. */
    RecordingUpstream leavingTheBodyToTheAnswer() {
        this.drainBody = false;
        return this;
    }

    /** Forgets what was received and answers 200 "ok" again, between tests sharing this upstream. */
    void reset() {
        received.clear();
        answer = OK;
        drainBody = true;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The only request received; fails when there were none or several. */
    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request upstream, got " + received.size() + ": " + received);
        }
        return received.get(0);
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(HttpExchange exchange, Digest digest) {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                digest == null ? -1 : digest.length(), digest == null ? null : digest.sha256()));
    }

    record Digest(long length, String sha256) {
    }

    static Digest digest(InputStream in) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
        byte[] buffer = new byte[16384];
        long length = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sha256.update(buffer, 0, n);
            length += n;
        }
        return new Digest(length, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
