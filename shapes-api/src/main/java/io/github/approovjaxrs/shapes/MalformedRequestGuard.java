package io.github.approovjaxrs.shapes;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Answers what Jersey's Grizzly container would answer badly, before any resource runs:
 *
 * <ul>
 *   <li>{@code 400 Bad Request} where the container would answer 500: for a request it cannot turn into a
 *       {@link java.net.URI} (a malformed {@code %} escape, a {@code |}, {@code ^} or {@code "} in the path
 *       or query, a {@code Host} header that is no host name). Jersey maps what happens inside the
 *       application itself, so the only exception that reaches this handler with the response still
 *       untouched is that URI failure;</li>
 *   <li>{@code 405 Method Not Allowed} for {@code CONNECT}, which Grizzly treats as a tunnel: its answer
 *       would carry no {@code Content-Length} (Grizzly drops it) and the connection would stay open, so the
 *       client would wait until Grizzly's idle timeout. The connection is closed after the answer, which
 *       ends it.</li>
 * </ul>
 */
final class MalformedRequestGuard extends HttpHandler {

    private final HttpHandler jersey;

    MalformedRequestGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getMethod() == Method.CONNECT) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            response.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
            answerJson(response);
            response.finish();
            request.getContext().getConnection().closeSilently();
            return;
        }
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException unparsableUri) {
            if (response.isCommitted()) {
                throw unparsableUri;
            }
            response.reset();
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            answerJson(response);
        }
    }

    /** The body every error of this API has, as bytes: JSON needs no charset parameter. */
    private static void answerJson(Response response) throws java.io.IOException {
        response.setContentType("application/json");
        response.setContentLength(2);
        response.getOutputStream().write(new byte[] {'{', '}'});
    }

    // Jersey starts and stops the application with its handler.
    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
