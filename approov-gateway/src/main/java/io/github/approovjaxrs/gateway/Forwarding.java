package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * Forwards one request, already passed by the {@link GatewayCheck}, to the upstream and relays its answer:
 * method, the raw path and query the check passed, headers (see {@link ForwardedHeaders}) and body out;
 * status, headers and body back, unchanged, whatever the status. Bodies stream both ways.
 */
final class Forwarding {

    private static final System.Logger LOG = System.getLogger(Forwarding.class.getPackageName());

    private final Upstream upstream;
    /** The header not to forward (the token header), or null to forward it. */
    private final String droppedHeader;

    Forwarding(Upstream upstream, String droppedHeader) {
        this.upstream = upstream;
        this.droppedHeader = droppedHeader;
    }

    /**
     * The upstream's answer to {@code request}, or the gateway's own error when there is none to relay.
     *
     * @param request the request, as Jersey presents it
     * @param connection the same request as Grizzly holds it: the client's address, and its connection
     */
    Response forward(ContainerRequestContext request, Request connection) {
        String method = request.getMethod();
        URI received = GatewayCheck.checkedTarget(connection);
        if (received == null) {
            // Only the handler chain of Gateway.start brings requests here, each through the check: never
            // forward one that did not pass it, whatever the wiring.
            LOG.log(System.Logger.Level.WARNING, () -> "approov-gateway: " + method + " request that the Approov"
                    + " check did not pass reached the forwarder; refused");
            ApproovDecision.Refused refused = new ApproovDecision.Refused(ApproovFailure.VERIFICATION_ERROR);
            Response.ResponseBuilder response = Response.status(refused.status()).entity(refused.body());
            refused.headers().forEach(response::header);
            return response.build();
        }
        String logged = method + " " + received.getRawPath();
        ClientBody body = ClientBody.of(request.getHeaders(), request.getEntityStream());
        HttpRequest outgoing;
        try {
            URI target = upstream.target(received.getRawPath(), received.getRawQuery());
            HttpRequest.Builder builder = upstream.newRequest(target)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.publisher());
            for (ForwardedHeaders.Header header : ForwardedHeaders.towardsUpstream(request.getHeaders(),
                    droppedHeader, connection.getRemoteAddr(), connection.getScheme())) {
                builder.header(header.name(), header.value());
            }
            outgoing = builder.build();
        } catch (IllegalArgumentException refused) {
            // java.net.http refuses a header name or value Grizzly let in; it is never echoed (it may be a credential).
            LOG.log(System.Logger.Level.INFO, () -> "approov-gateway: " + logged + ": cannot be forwarded as"
                    + " received (" + refused.getClass().getSimpleName() + "); answered 400");
            return GatewayError.BAD_REQUEST.response();
        }
        HttpResponse<InputStream> answer;
        try {
            answer = upstream.send(outgoing);
        } catch (UpstreamFailure failure) {
            if (body != null && body.failed()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "approov-gateway: " + logged
                        + ": the client's body broke off; answered 400");
                return GatewayError.BAD_REQUEST.response();
            }
            LOG.log(System.Logger.Level.WARNING, () -> "approov-gateway: " + logged + ": " + failure.getMessage()
                    + "; answered " + failure.error().status());
            return failure.error().response();
        }
        return relay(method, answer, request, connection, logged);
    }

    private Response relay(String method, HttpResponse<InputStream> answer, ContainerRequestContext request,
            Request connection, String logged) {
        int status = answer.statusCode();
        if (status < 200 || status > 599) {
            close(answer.body());
            LOG.log(System.Logger.Level.WARNING, () -> "approov-gateway: " + logged + ": the upstream answered"
                    + " status " + status + ", which cannot be relayed; answered 502");
            return GatewayError.UPSTREAM_INVALID_RESPONSE.response();
        }
        Response.ResponseBuilder response = Response.status(status);
        List<String> contentType = new ArrayList<>();
        for (ForwardedHeaders.Header header : ForwardedHeaders.towardsClient(answer.headers().map())) {
            if (header.name().equalsIgnoreCase("Content-Type")) {
                contentType.add(header.value()); // kept from Jersey, which would parse it: see ExactContentType
            } else {
                response.header(header.name(), header.value());
            }
        }
        ExactContentType.remember(request, contentType);
        if (method.equals("HEAD") || status == 204 || status == 304) {
            close(answer.body()); // no body by definition, whatever Content-Length says
            return response.build();
        }
        Runnable abort = () -> connection.getContext().getConnection().closeSilently();
        return response.entity(new UpstreamBody(upstream.watched(answer.body()), abort, logged)).build();
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing was to be read from it
        }
    }
}
