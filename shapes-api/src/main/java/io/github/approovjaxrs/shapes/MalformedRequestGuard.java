package io.github.approovjaxrs.shapes;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Answers {@code 400 Bad Request} where Jersey's Grizzly container would answer 500: for a request it
 * cannot turn into a {@link java.net.URI} before any resource runs (a malformed {@code %} escape, a
 * {@code |}, {@code ^} or {@code "} in the path or query, a {@code Host} header that is no host name).
 * Jersey maps what happens inside the application itself, so the only exception that reaches this handler
 * with the response still untouched is that URI failure.
 */
final class MalformedRequestGuard extends HttpHandler {

    private final HttpHandler jersey;

    MalformedRequestGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException unparsableUri) {
            if (response.isCommitted()) {
                throw unparsableUri;
            }
            response.reset();
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            response.setContentType("application/json");
            response.getWriter().write("{}");
        }
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
