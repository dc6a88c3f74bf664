package io.github.approovjaxrs.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * The client's request body, read by the HTTP client while it sends it upstream, so it is never held whole in
 * memory. Remembers whether reading it failed: then the client went away or broke off its upload, and the
 * failed exchange is not the upstream's fault.
 */
final class ClientBody extends FilterInputStream {

    private final long length;
    private volatile boolean failed;

    private ClientBody(InputStream entity, long length) {
        super(entity);
        this.length = length;
    }

    /**
     * The body of a request with these headers, or null when it has none: no {@code Transfer-Encoding} and no
     * {@code Content-Length} above 0 (the server has already refused a request whose framing is invalid).
     */
    static ClientBody of(Map<String, List<String>> headers, InputStream entity) {
        long length = -1;
        boolean chunked = false;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                chunked = true;
            } else if (header.getKey().equalsIgnoreCase("Content-Length") && !header.getValue().isEmpty()) {
                try {
                    length = Long.parseLong(header.getValue().get(0).strip());
                } catch (NumberFormatException unreadable) {
                    chunked = true; // stream whatever the server hands over, without promising a length
                }
            }
        }
        if (chunked) {
            return new ClientBody(entity, -1);
        }
        return length > 0 ? new ClientBody(entity, length) : null;
    }

    /** Streams the body; with the client's Content-Length when it sent one, else chunked. */
    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> this);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** Whether reading the client's body failed. */
    boolean failed() {
        return failed;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException broken) {
            failed = true;
            throw broken;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        try {
            return super.read(buffer, offset, count);
        } catch (IOException broken) {
            failed = true;
            throw broken;
        }
    }
}
