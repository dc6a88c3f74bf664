package io.github.approovjaxrs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends requests with {@link HttpClient}, which, unlike Jersey's client, can send several lines of one
 * header (rule T1 and B2 cases). Published in the test-jar for other modules' HTTP tests.
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RawHttp() {
    }

    /**
     * GET {@code uri} with header name/value pairs; a name may repeat to send several lines.
     *
     * @param headers name, value, name, value, ...
     */
    public static HttpResponse<String> get(URI uri, String... headers) {
        return send(uri, "GET", headers);
    }

    public static HttpResponse<String> send(URI uri, String method, String... headers) {
        return send(uri, method, null, headers);
    }

    /** {@code method} with {@code body} (null: none) and header name/value pairs. */
    public static HttpResponse<String> send(URI uri, String method, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
