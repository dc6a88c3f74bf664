package io.github.approovjaxrs.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Answers, with the app's JSON error bodies, what Jersey's Grizzly container would answer badly, before any
 * resource runs:
 *
 * <ul>
 *   <li>{@code 400 Bad Request} where the container would answer 500 with an HTML page: for a request it
 *       cannot turn into a {@link java.net.URI} (a malformed {@code %} escape, a {@code |}, {@code ^} or
 *       {@code "} in the path or query, a {@code Host} header that is no host name). Jersey maps what happens
 *       inside the application itself, so the only exception that reaches this handler with the response
 *       still untouched is that URI failure;</li>
 *   <li>{@code 405 Method Not Allowed}, with {@code Allow}, for {@code CONNECT} always, and with
 *       {@link #servingOnly} for every method the app does not serve. Grizzly treats a CONNECT as a tunnel:
 *       its answer would carry no {@code Content-Length} (Grizzly drops it) and the connection would stay
 *       open, so the client would wait until Grizzly's idle timeout. The connection is closed after the
 *       answer, which ends it.</li>
 * </ul>
 */
public final class MalformedRequestGuard extends HttpHandler {

    private final HttpHandler application;
    private final Predicate<String> refusedMethod;
    private final String allow;
    private final byte[] badRequestBody;
    private final byte[] methodNotAllowedBody;

    private MalformedRequestGuard(HttpHandler application, Predicate<String> refusedMethod, List<String> allowed,
            String badRequestBody, String methodNotAllowedBody) {
        this.application = application;
        this.refusedMethod = refusedMethod;
        this.allow = String.join(", ", allowed);
        this.badRequestBody = badRequestBody.getBytes(StandardCharsets.UTF_8);
        this.methodNotAllowedBody = methodNotAllowedBody.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A guard that refuses {@code CONNECT} only: the application answers every other method itself (Jersey:
     * 405 where no resource method matches).
     *
     * @param application the handler behind the guard, e.g. Jersey's container
     * @param allowed the methods named in the {@code Allow} header of the answer to CONNECT
     * @param badRequestBody the JSON body of the 400 answer
     * @param methodNotAllowedBody the JSON body of the 405 answer
     */
    public static MalformedRequestGuard refusingConnect(HttpHandler application, List<String> allowed,
            String badRequestBody, String methodNotAllowedBody) {
        return new MalformedRequestGuard(application, "CONNECT"::equals, allowed, badRequestBody,
                methodNotAllowedBody);
    }

    /**
     * A guard that refuses every method but {@code served}, so the application sees none of the others.
     *
     * @param application the handler behind the guard, e.g. Jersey's container
     * @param served the methods passed on to the application, named in the {@code Allow} header of a 405
     * @param badRequestBody the JSON body of the 400 answer
     * @param methodNotAllowedBody the JSON body of the 405 answer
     * @throws IllegalArgumentException when {@code served} holds CONNECT, which Grizzly cannot serve as a request
     */
    public static MalformedRequestGuard servingOnly(HttpHandler application, List<String> served,
            String badRequestBody, String methodNotAllowedBody) {
        Set<String> passed = Set.copyOf(served);
        if (passed.contains("CONNECT")) {
            throw new IllegalArgumentException("CONNECT opens a tunnel in Grizzly: it cannot be served");
        }
        return new MalformedRequestGuard(application, method -> !passed.contains(method), served, badRequestBody,
                methodNotAllowedBody);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (refusedMethod.test(request.getMethod().getMethodString())) {
            response.setHeader("Allow", allow);
            answer(response, HttpStatus.METHOD_NOT_ALLOWED_405, methodNotAllowedBody);
            if (request.getMethod() == Method.CONNECT) {
                response.finish();
                request.getContext().getConnection().closeSilently();
            }
            return;
        }
        try {
            application.service(request, response);
        } catch (IllegalArgumentException unparsableUri) {
            if (response.isCommitted()) {
                throw unparsableUri;
            }
            response.reset();
            answer(response, HttpStatus.BAD_REQUEST_400, badRequestBody);
        }
    }

    /** A JSON body as bytes: JSON needs no charset parameter. */
    private static void answer(Response response, HttpStatus status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Where the application runs its requests: the guard is the handler Grizzly dispatches by, and what it
     * answers itself costs nothing, so the application decides (a worker thread unless it says otherwise).
     */
    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return application.getRequestExecutorProvider();
    }

    // The application (Jersey's container) starts and stops with its handler.
    @Override
    public void start() {
        application.start();
    }

    @Override
    public void destroy() {
        application.destroy();
    }
}
