package io.github.approovjaxrs.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Engines that cannot be installed here (Envoy, and Istio and Envoy Gateway on it; Traefik), replayed from their
 * documentation and source: the check request each sends for a client's request, and what each does with the
 * check service's answer. A contract test parses the engine's file under {@code deploy/}, builds the engine's
 * settings from it, sends real check requests to a real check service, and asserts what the client and the
 * upstream would get.
 */
final class ProxyContract {

    private ProxyContract() {
    }

    /** A client's request as the proxy receives it. */
    record ClientRequest(String method, String pathAndQuery, String host, List<String[]> headers, byte[] body) {

        static ClientRequest get(String pathAndQuery, String... nameValuePairs) {
            return of("GET", pathAndQuery, new byte[0], nameValuePairs);
        }

        static ClientRequest of(String method, String pathAndQuery, byte[] body, String... nameValuePairs) {
            List<String[]> headers = new ArrayList<>();
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                headers.add(new String[] {nameValuePairs[i], nameValuePairs[i + 1]});
            }
            if (body.length > 0) {
                headers.add(new String[] {"Content-Length", String.valueOf(body.length)});
            }
            return new ClientRequest(method, pathAndQuery, "api.example.com", headers, body);
        }

        List<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    /**
     * What came of a client's request: let through (with the headers the upstream gets) or answered by the
     * proxy (the status, headers and body the client gets).
     */
    record Outcome(boolean allowed, int status, List<String[]> headers, String body, List<String[]> upstreamHeaders) {

        static Outcome answered(int status, List<String[]> headers, String body) {
            return new Outcome(false, status, headers, body, List.of());
        }

        List<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        List<String> upstreamHeader(String name) {
            return upstreamHeaders.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        @Override
        public String toString() {
            return (allowed ? "let through" : "answered " + status + " " + body) + ", upstream headers "
                    + upstreamHeaders.stream().map(h -> h[0] + ": " + h[1]).toList();
        }
    }

    /** An engine in front of the check service: routes a client's request to its check, then acts on the answer. */
    interface Engine {
        Outcome send(URI checkService, ClientRequest request);
    }

    /**
     * Envoy's {@code ext_authz} filter in HTTP mode (envoyproxy/envoy,
     * {@code source/extensions/filters/common/ext_authz/ext_authz_http_impl.cc}):
     *
     * <ul>
     *   <li>the check request has the client's method, {@code path_prefix} + the client's path and query, the
     *       client's Host ({@code :authority}), {@code Content-Length} (0, or the buffered body's length), and of
     *       the client's headers Authorization and those in {@code allowed_headers}; the body only with
     *       {@code with_request_body}, a larger one than {@code max_request_bytes} answered 413 by Envoy;</li>
     *   <li>200 only is an allow: the headers named in {@code x-envoy-auth-headers-to-remove} are removed from
     *       the client's request, the answer's headers in {@code allowed_upstream_headers} set on it;</li>
     *   <li>a 5xx is an error: {@code status_on_error} (403) without {@code failure_mode_allow};</li>
     *   <li>any other status is a denial: the client gets it, with the answer's headers (but Host) and body.</li>
     * </ul>
     *
     * @param maxRequestBytes with {@code with_request_body}, its limit; null without
     */
    record EnvoyExtAuthz(String pathPrefix, List<String> allowedHeaders, Integer maxRequestBytes,
            List<String> allowedUpstreamHeaders) {

        Outcome check(URI checkService, ClientRequest request) {
            boolean withBody = maxRequestBytes != null;
            if (withBody && request.body().length > maxRequestBytes) {
                return Outcome.answered(413, List.of(), "Payload Too Large");
            }
            byte[] body = withBody ? request.body() : new byte[0];
            StringBuilder head = new StringBuilder(request.method() + " " + pathPrefix + request.pathAndQuery()
                    + " HTTP/1.1\r\nhost: " + request.host() + "\r\ncontent-length: " + body.length
                    + "\r\nconnection: close");
            for (String[] header : request.headers()) {
                String name = header[0].toLowerCase(Locale.ROOT);
                if (!name.equals("content-length") && (name.equals("authorization") || allowedHeaders.contains(name))) {
                    head.append("\r\n").append(name).append(": ").append(header[1]);
                }
            }
            RawHttp1.Answer answer = RawHttp1.send(checkService, head.toString(), body);
            if (answer.status() >= 500) {
                return Outcome.answered(403, List.of(), "");
            }
            if (answer.status() != 200) {
                return Outcome.answered(answer.status(), answer.headers().stream()
                        .filter(h -> !h[0].equalsIgnoreCase("host")).toList(), answer.bodyText());
            }
            List<String> removed = answer.header(CheckHandler.ENVOY_HEADERS_TO_REMOVE).stream()
                    .flatMap(value -> List.of(value.split(",")).stream()).map(String::strip)
                    .map(name -> name.toLowerCase(Locale.ROOT)).toList();
            List<String[]> upstream = new ArrayList<>(request.headers().stream()
                    .filter(h -> !removed.contains(h[0].toLowerCase(Locale.ROOT))).toList());
            for (String[] header : answer.headers()) {
                if (allowedUpstreamHeaders.contains(header[0].toLowerCase(Locale.ROOT))) {
                    upstream.removeIf(h -> h[0].equalsIgnoreCase(header[0]));
                    upstream.add(header);
                }
            }
            return new Outcome(true, 200, List.of(), "", upstream);
        }
    }

    /**
     * Traefik's {@code forwardAuth} middleware (traefik/traefik, {@code pkg/middlewares/auth/forward.go}):
     *
     * <ul>
     *   <li>the check request is a GET to {@code address} with the client's headers (less the hop-by-hop ones;
     *       only those of {@code authRequestHeaders} when it is set), then {@code X-Forwarded-For}, {@code -Method},
     *       {@code -Proto}, {@code -Host} and {@code -Uri} set by Traefik (a client's copies are replaced unless
     *       {@code trustForwardHeader}); the body only with {@code forwardBody};</li>
     *   <li>any 2xx is an allow: each header of {@code authResponseHeaders} is removed from the client's request,
     *       then set from the answer when the answer has it;</li>
     *   <li>any other status is a denial: the client gets the answer's status, headers and body.</li>
     * </ul>
     */
    record TraefikForwardAuth(URI address, List<String> authRequestHeaders, List<String> authResponseHeaders,
            boolean forwardBody) {

        private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
                "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

        Outcome check(URI checkService, ClientRequest request) {
            List<String[]> headers = new ArrayList<>();
            for (String[] header : request.headers()) {
                String name = header[0].toLowerCase(Locale.ROOT);
                boolean requested = authRequestHeaders.isEmpty()
                        || authRequestHeaders.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(name));
                if (!HOP_BY_HOP.contains(name) && requested) {
                    headers.add(header);
                }
            }
            set(headers, "X-Forwarded-For", "127.0.0.1");
            set(headers, "X-Forwarded-Method", request.method());
            set(headers, "X-Forwarded-Proto", "http");
            set(headers, "X-Forwarded-Host", request.host());
            set(headers, "X-Forwarded-Uri", request.pathAndQuery());
            byte[] body = forwardBody ? request.body() : new byte[0];
            StringBuilder head = new StringBuilder("GET " + address.getRawPath()
                    + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery()) + " HTTP/1.1\r\nHost: "
                    + checkService.getAuthority() + "\r\nConnection: close");
            if (body.length > 0) {
                head.append("\r\nContent-Length: ").append(body.length);
            }
            headers.forEach(h -> head.append("\r\n").append(h[0]).append(": ").append(h[1]));
            RawHttp1.Answer answer = RawHttp1.send(checkService, head.toString(), body);
            if (answer.status() < 200 || answer.status() >= 300) {
                return Outcome.answered(answer.status(), answer.headers(), answer.bodyText());
            }
            List<String[]> upstream = new ArrayList<>(request.headers());
            for (String name : authResponseHeaders) {
                upstream.removeIf(h -> h[0].equalsIgnoreCase(name));
                answer.header(name).forEach(value -> upstream.add(new String[] {name, value}));
            }
            return new Outcome(true, answer.status(), List.of(), "", upstream);
        }

        private static void set(List<String[]> headers, String name, String value) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            headers.add(new String[] {name, value});
        }
    }

}
