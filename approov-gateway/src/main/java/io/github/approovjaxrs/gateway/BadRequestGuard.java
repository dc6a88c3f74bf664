package io.github.approovjaxrs.gateway;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Answers, with the gateway's JSON error, what never reaches the Approov check:
 *
 * <ul>
 *   <li>a method the gateway does not forward: {@code 405} with {@code Allow}. Grizzly treats a CONNECT as a
 *       tunnel (no {@code Content-Length}, connection kept open), so after that answer the connection is
 *       closed, or the client would wait for the end of the answer until Grizzly's idle timeout;</li>
 *   <li>a request Jersey's Grizzly container cannot turn into a {@link java.net.URI} (a malformed {@code %}
 *       escape, a {@code |} or {@code "} in the path, a {@code Host} header that is no host name): {@code 400}
 *       where the container would answer 500 with an HTML page. Such a request could not be forwarded
 *       either: the upstream URL is built from the same raw path.</li>
 * </ul>
 */
final class BadRequestGuard extends HttpHandler {

    static final String ALLOW = String.join(", ", GatewayResource.METHODS);

    private final HttpHandler jersey;

    BadRequestGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!GatewayResource.METHODS.contains(request.getMethod().getMethodString())) {
            response.setHeader("Allow", ALLOW);
            answer(response, HttpStatus.METHOD_NOT_ALLOWED_405, GatewayError.METHOD_NOT_ALLOWED);
            if (request.getMethod() == Method.CONNECT) {
                response.finish();
                request.getContext().getConnection().closeSilently();
            }
            return;
        }
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException unparsableUri) {
            if (response.isCommitted()) {
                throw unparsableUri;
            }
            response.reset();
            answer(response, HttpStatus.BAD_REQUEST_400, GatewayError.BAD_REQUEST);
        }
    }

    private static void answer(Response response, HttpStatus status, GatewayError error) throws java.io.IOException {
        byte[] body = error.body().getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
