package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.threadpool.Threads;

/**
 * The check service's one handler: a proxy asks whether to let a client's request through, and gets one
 * {@link ApproovCheck#decide} as its answer, in the contract every engine understands (NGINX
 * {@code auth_request}, Envoy {@code ext_authz} in HTTP mode, Traefik {@code forwardAuth}, Caddy
 * {@code forward_auth}):
 *
 * <ul>
 *   <li>any method, any path under {@code /approov/check/}; the path names the {@link CheckPolicy}
 *       ({@code token}, {@code token-binding}, {@code signed}, {@code signed-single-use});</li>
 *   <li>the client's request is the {@link OriginalRequest} the proxy describes, with every header of the
 *       check request; the body only where the engine sends it (a check request with a
 *       {@code Content-Length} or chunked), otherwise {@link ApproovRequest.Builder#bodyUnavailable()}: a
 *       {@code Content-Digest} is then the origin's to compare, and the client's {@code Content-Length} is
 *       read from {@value #ORIGINAL_CONTENT_LENGTH}, which such a proxy sets;</li>
 *   <li>allow ({@code Accepted}, or {@code LetThrough} in monitor mode): {@code 200}, no body,
 *       {@code Content-Length: 0}; with the token header to be removed upstream, Envoy's
 *       {@code x-envoy-auth-headers-to-remove}; with a device id header configured, that header, always
 *       (empty when there is no verified {@code did}), so that no proxy keeps a client's copy;</li>
 *   <li>deny ({@code Refused}): the decision's status and headers (401 with {@code WWW-Authenticate: Approov};
 *       413 only for a signed body over the limit, which only an engine that sends bodies can cause) and
 *       {@code {}}. A request the proxy describes ambiguously gets the same 401. Never a 5xx for a request:
 *       Envoy would take it for an error of the check, and its {@code failure_mode_allow} lets such requests
 *       through. The one 5xx is the core's {@code 503} with {@code Retry-After} when the replay store of a
 *       single-use policy cannot answer: the check itself cannot judge then, which is what that error path is
 *       for (the files under {@code deploy/} keep {@code failure_mode_allow} false: Envoy denies);</li>
 *   <li>any other path: {@code 404}, which a proxy reports as its own error: the configuration is wrong.</li>
 * </ul>
 */
final class CheckHandler extends HttpHandler {

    private static final System.Logger LOG = System.getLogger(CheckHandler.class.getPackageName());
    static final String ENVOY_HEADERS_TO_REMOVE = "x-envoy-auth-headers-to-remove";
    /**
     * The client's {@code Content-Length}, as a proxy that sends the check no body sets it (NGINX, Caddy): the
     * check request cannot carry it as its own, since it has no body.
     */
    static final String ORIGINAL_CONTENT_LENGTH = "X-Original-Content-Length";
    /** The answer to a check request that names the original request ambiguously: the core's 401, as sent. */
    private static final ApproovDecision.Refused AMBIGUOUS = new ApproovDecision.Refused(ApproovFailure.MALFORMED_TOKEN);
    private static final byte[] NOT_FOUND = "{\"error\":\"not_found\"}".getBytes(StandardCharsets.US_ASCII);
    /** A device id longer than this, or with other than visible ASCII, is not passed on. */
    private static final int DEVICE_ID_LIMIT = 128;

    private final ApproovCheck check;
    private final String tokenHeaderToRemove;
    private final String deviceIdHeader;
    private final AtomicBoolean ambiguityReported = new AtomicBoolean();
    private final RequestExecutorProvider executors = CheckHandler::executorFor;

    /**
     * @param stripTokenHeader whether allowed answers ask Envoy to remove the token header upstream
     * @param deviceIdHeader the header that carries the verified device id to the proxy; null for none
     */
    CheckHandler(ApproovCheck check, boolean stripTokenHeader, String deviceIdHeader) {
        this.check = check;
        this.tokenHeaderToRemove = stripTokenHeader
                ? check.config().tokenHeaderName().toLowerCase(Locale.ROOT) : null;
        this.deviceIdHeader = deviceIdHeader;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        CheckPolicy policy = CheckPolicy.at(path);
        if (policy == null) {
            response.setStatus(404);
            response.setContentType("application/json");
            response.setContentLength(NOT_FOUND.length);
            response.getOutputStream().write(NOT_FOUND);
            return;
        }
        OriginalRequest original = OriginalRequest.read(request, path.substring(policy.path().length()));
        if (original == null) {
            if (ambiguityReported.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Approov check service: a check request named the original"
                        + " request ambiguously (X-Forwarded-* or X-Original-* given twice, or no valid method or"
                        + " host in them), and was refused; make the proxy set these headers, not pass a client's on."
                        + " (Reported once.)");
            }
            GatewayCheck.refuse(response, AMBIGUOUS);
            return;
        }
        ApproovRequest.Builder asked = ApproovRequest.builder()
                .method(original.method())
                .target(original.target());
        if (hasBody(request)) {
            asked.headers(name -> GatewayCheck.lines(request, name));
            if (policy.requirements().messageSignature()) {
                asked.body(limit -> read(request.getInputStream(), limit));
            }
        } else {
            // Headers only: a signature may cover the original Content-Length, which the proxy then names.
            asked.headers(name -> GatewayCheck.lines(request,
                    name.equalsIgnoreCase("content-length") ? ORIGINAL_CONTENT_LENGTH : name));
            asked.bodyUnavailable();
        }
        ApproovDecision decision = check.decide(asked.build(), policy.requirements());
        if (decision instanceof ApproovDecision.Refused refused) {
            GatewayCheck.refuse(response, refused);
        } else {
            allow(response, decision instanceof ApproovDecision.Accepted accepted ? accepted.claims() : null);
        }
    }

    /**
     * Where a check runs: where Grizzly read it (the selector thread, with {@link CheckService}'s same-thread
     * I/O strategy), since a token check takes microseconds and never waits, and handing it to another thread
     * would cost more than the check; a signed check on a worker thread, since it may read a body (a blocking
     * read), verifies an ECDSA signature and, single-use, waits for the replay store.
     */
    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return executors;
    }

    private static Executor executorFor(Request request) {
        CheckPolicy policy = Threads.isService() ? CheckPolicy.at(request.getRequestURI()) : null;
        if (policy == null || !policy.requirements().messageSignature()) {
            return null; // run here
        }
        return request.getContext().getConnection().getTransport().getWorkerThreadPool();
    }

    /** 200 and no body; the headers for the proxy (see the class comment). */
    private void allow(Response response, ApproovClaims claims) {
        response.setStatus(200);
        response.setContentLength(0);
        if (tokenHeaderToRemove != null) {
            response.setHeader(ENVOY_HEADERS_TO_REMOVE, tokenHeaderToRemove);
        }
        if (deviceIdHeader != null) {
            response.setHeader(deviceIdHeader, claims == null ? "" : claims.deviceId()
                    .filter(CheckHandler::isPassable).orElse(""));
        }
    }

    /** Whether the engine sent a body: a request without Content-Length and not chunked has none. */
    static boolean hasBody(Request request) {
        return request.getContentLengthLong() >= 0 || request.getRequest().isChunked();
    }

    /** Visible ASCII only, and short: what reaches the upstream as a header value is plain. */
    static boolean isPassable(String value) {
        if (value.isEmpty() || value.length() > DEVICE_ID_LIMIT) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x21 || value.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(InputStream body, int limit) throws IOException {
        return body.readNBytes(limit + 1);
    }

    /** Policies and settings, for the start-up log. */
    String describe() {
        return "policies by path: " + String.join(", ", CheckPolicy.all().stream()
                        .map(policy -> policy.path() + " " + policy.requirements()).toList())
                + (tokenHeaderToRemove == null ? "" : "; allowed answers ask Envoy to remove " + tokenHeaderToRemove)
                + (deviceIdHeader == null ? "" : "; verified device id in " + deviceIdHeader)
                + "; " + check.describe();
    }
}
