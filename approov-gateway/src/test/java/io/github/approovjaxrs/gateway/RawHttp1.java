package io.github.approovjaxrs.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sends a request byte for byte over a socket, {@code Connection: close}, and parses the whole answer: for the
 * headers java.net.http refuses to send (Connection, Keep-Alive, Upgrade, ...) and the targets it would
 * re-encode. A read that waits over 10 seconds fails the test instead of hanging it.
 */
final class RawHttp1 {

    /** An answer: status line, header lines in order, the body (de-chunked), and whether all of it arrived. */
    record Answer(String statusLine, List<String[]> headers, byte[] body, boolean complete) {

        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        List<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp1() {
    }

    /** Sends {@code head} (request line and header lines, without the final empty line) and {@code body}. */
    static Answer send(URI base, String head, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with no body: request line, {@code Host}, {@code Connection: close}, then {@code headerLines}. */
    static Answer send(URI base, String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\nConnection: close");
        for (String line : headerLines) {
            head.append("\r\n").append(line);
        }
        return send(base, head.toString(), new byte[0]);
    }

    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        List<String[]> headers = new ArrayList<>();
        for (String line; !(line = line(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete;
        String encoding = value(headers, "Transfer-Encoding");
        String length = value(headers, "Content-Length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            complete = readChunks(in, body);
        } else if (length != null) {
            long expected = Long.parseLong(length);
            complete = copy(in, body, expected) == expected;
        } else {
            copy(in, body, Long.MAX_VALUE);
            complete = true;
        }
        return new Answer(statusLine, headers, body.toByteArray(), complete);
    }

    /** Reads an answer to HEAD, which has headers only. */
    static Answer readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        List<String[]> headers = new ArrayList<>();
        for (String line; !(line = line(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }
        return new Answer(statusLine, headers, new byte[0], in.read() < 0);
    }

    private static boolean readChunks(InputStream in, ByteArrayOutputStream body) throws IOException {
        try {
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (chunk == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return true;
                }
                if (copy(in, body, chunk) < chunk) {
                    return false;
                }
                line(in);
            }
        } catch (EndOfAnswer | NumberFormatException ended) {
            return false;
        }
    }

    private static long copy(InputStream in, ByteArrayOutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        while (copied < limit) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            } catch (java.net.SocketException reset) {
                return copied; // the other side closed the connection abruptly: the body is incomplete
            }
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static String value(List<String[]> headers, String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    /** One CRLF-terminated line, ISO-8859-1. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                throw new EndOfAnswer();
            }
            if (b < 0) {
                throw new EndOfAnswer();
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    /** The connection ended in the middle of the answer's framing. */
    static final class EndOfAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        EndOfAnswer() {
            super("the connection ended before the answer did");
        }
    }
}
