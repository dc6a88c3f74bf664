package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The gateway's Approov check: one {@link ApproovCheck#decide} per request, in front of the forwarder, and
 * nothing judged here. It maps
 *
 * <ul>
 *   <li>the request to an {@link ApproovRequest}: the method, the target as received (raw path and query)
 *       and every header line; no body, since neither the token nor its binding needs one;</li>
 *   <li>the path to the {@link ApproovRequirements}: a valid token, bound to the binding header where the
 *       {@link BindingPolicy} asks for it;</li>
 *   <li>the decision to the request's fate: {@code Refused} is answered with the decision's status, headers
 *       and body, and never forwarded; {@code Accepted} and {@code LetThrough} (monitor mode) go on to the
 *       forwarder, which sends the upstream exactly the target checked here ({@link #checkedTarget}).</li>
 * </ul>
 *
 * <p>Monitor mode, the listeners and the log are the core's, as in any adapter. It runs before Jersey, so a
 * refused request costs the check and the answer, nothing more.
 */
final class GatewayCheck extends HttpHandler {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final ApproovRequirements TOKEN = ApproovRequirements.token();
    private static final ApproovRequirements BOUND_TOKEN = TOKEN.withBinding();
    /** Request attribute: the {@link URI} the check passed, the only one the forwarder sends on. */
    private static final String CHECKED_TARGET = GatewayCheck.class.getName() + ".target";

    private final ApproovCheck check;
    private final BindingPolicy bindingPolicy;
    private final HttpHandler forwarder;

    GatewayCheck(ApproovCheck check, BindingPolicy bindingPolicy, HttpHandler forwarder) {
        this.check = check;
        this.bindingPolicy = bindingPolicy;
        this.forwarder = forwarder;
    }

    /**
     * Decides, then answers or forwards.
     *
     * @throws IllegalArgumentException when the target is no URI; the
     *     {@link io.github.approovjaxrs.apps.MalformedRequestGuard} in front answers 400
     */
    @Override
    public void service(Request request, Response response) throws Exception {
        URI target = target(request);
        ApproovDecision decision = check.decide(ApproovRequest.builder()
                .method(request.getMethod().getMethodString())
                .target(target)
                .headers(name -> lines(request, name))
                .build(), bindingPolicy.requiresBinding(target.getRawPath()) ? BOUND_TOKEN : TOKEN);
        if (decision instanceof ApproovDecision.Refused refused) {
            refuse(response, refused);
            return;
        }
        request.setAttribute(CHECKED_TARGET, target); // Accepted, or LetThrough in monitor mode
        forwarder.service(request, response);
    }

    /** The target this check passed for {@code request}; null when the request never went through it. */
    static URI checkedTarget(Request request) {
        return request.getAttribute(CHECKED_TARGET) instanceof URI target ? target : null;
    }

    /** What the requirements are, per path, for the start-up log. */
    String describe() {
        String requirements = bindingPolicy.isNone() ? TOKEN + " on every path"
                : bindingPolicy.isEveryPath() ? BOUND_TOKEN + " on every path"
                : BOUND_TOKEN + " on " + bindingPolicy.describe() + ", " + TOKEN + " elsewhere";
        return requirements + "; " + check.describe();
    }

    /**
     * The target as the client sent it, made absolute with the scheme, host and port the server saw: the raw
     * path and the raw query, never decoded. As Jersey's Grizzly container did before this check existed,
     * the characters {@code { } \ ^ | `}, which clients send unescaped in queries but a {@link URI} does not
     * take, are percent-encoded in the query; anything else that is no URI is a bad request.
     */
    static URI target(Request request) {
        try {
            String origin = new URI(request.getScheme(), null, request.getServerName(), request.getServerPort(),
                    null, null, null).toString();
            String query = request.getQueryString();
            return new URI(origin + request.getRequestURI() + (query == null ? "" : "?" + escapeUnsafe(query)));
        } catch (URISyntaxException notAUri) {
            throw new IllegalArgumentException("the request target is no URI", notAUri);
        }
    }

    private static String escapeUnsafe(String query) {
        StringBuilder escaped = null;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if ("{}\\^|`".indexOf(c) >= 0) {
                if (escaped == null) {
                    escaped = new StringBuilder(query.length() + 8).append(query, 0, i);
                }
                escaped.append('%').append(HEX.toHexDigits((byte) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? query : escaped.toString();
    }

    /** Every line of the header {@code name}, in order (Grizzly matches the name case-insensitively). */
    static List<String> lines(Request request, String name) {
        List<String> lines = new ArrayList<>(1);
        request.getHeaders(name).forEach(lines::add);
        return lines;
    }

    /** The decision's answer: 401 (the core's status), its headers, and {@code {}}. */
    static void refuse(Response response, ApproovDecision.Refused refused) throws IOException {
        byte[] body = refused.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refused.status());
        refused.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    // The forwarder (Jersey) starts and stops with the handler in front of it.
    @Override
    public void start() {
        forwarder.start();
    }

    @Override
    public void destroy() {
        forwarder.destroy();
    }
}
