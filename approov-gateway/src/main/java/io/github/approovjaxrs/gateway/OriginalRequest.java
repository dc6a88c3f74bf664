package io.github.approovjaxrs.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.glassfish.grizzly.http.server.Request;

/**
 * The client's request that a proxy asks the check service about, read from the check request as each engine
 * sends it:
 *
 * <ul>
 *   <li>the method and URI from {@code X-Forwarded-Method}/{@code X-Forwarded-Uri} (Traefik, Caddy, APISIX),
 *       else from {@code X-Original-Method}/{@code X-Original-URI} (NGINX, as its recipe sets them), else the
 *       check request's own method and its path after the policy's, with its query (Envoy, which keeps the
 *       method and appends the original path to its {@code path_prefix}). A family is used when its URI header
 *       is present; its method header, when absent, is the check request's;</li>
 *   <li>the origin, which only a message signature covers, from {@code X-Forwarded-Proto} and
 *       {@code X-Forwarded-Host} (Traefik, Caddy, the NGINX recipe), else {@code http} and the {@code Host}
 *       the check request carries (Envoy passes the client's); {@code APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN}
 *       overrides it in the core.</li>
 * </ul>
 *
 * <p>These headers are trusted only because the proxy sets them: each deployment file under {@code deploy/}
 * makes its proxy overwrite a client's copy. A header given more than once is ambiguous, so the request is
 * refused rather than judged ({@link #read} returns null), as is a method that is no HTTP method.
 *
 * @param method the original method
 * @param target the original target, absolute; characters a URI cannot hold are percent-encoded
 */
record OriginalRequest(String method, URI target) {

    private static final String[] URI_HEADERS = {"X-Forwarded-Uri", "X-Original-URI"};
    private static final String[] METHOD_HEADERS = {"X-Forwarded-Method", "X-Original-Method"};
    /** A header given more than once. */
    private static final String AMBIGUOUS = new String("ambiguous");

    /**
     * Reads the original request from a check request.
     *
     * @param pathAfterPolicy the check request's raw path after the policy's, e.g. {@code /v1/shapes} when
     *     Envoy called {@code /approov/check/token/v1/shapes}; empty when the proxy called the policy's path
     * @return the original request; null when a header that names it is given more than once, the method is
     *     no HTTP method, or the host is no URI authority
     */
    static OriginalRequest read(Request request, String pathAfterPolicy) {
        String method = null;
        String uri = null;
        for (int family = 0; family < URI_HEADERS.length && uri == null; family++) {
            uri = single(request, URI_HEADERS[family]);
            if (uri != null) {
                method = single(request, METHOD_HEADERS[family]);
            }
        }
        if (uri == null) {
            String query = request.getQueryString();
            uri = (pathAfterPolicy.isEmpty() ? "/" : pathAfterPolicy) + (query == null ? "" : "?" + query);
        }
        if (method == null) {
            method = request.getMethod().getMethodString();
        }
        String scheme = single(request, "X-Forwarded-Proto");
        String authority = single(request, "X-Forwarded-Host");
        if (authority == null) {
            authority = single(request, "Host");
        }
        if (uri == AMBIGUOUS || method == AMBIGUOUS || scheme == AMBIGUOUS || authority == AMBIGUOUS
                || !isMethod(method)) {
            return null;
        }
        if (authority != null && !isAuthority(authority)) {
            return null;
        }
        scheme = "https".equalsIgnoreCase(scheme) ? "https" : "http";
        try {
            return new OriginalRequest(method, new URI(scheme + "://" + (authority == null ? "localhost" : authority)
                    + escape(pathAndQuery(uri))));
        } catch (URISyntaxException notAUri) {
            return null;
        }
    }

    /** An HTTP method: a token (RFC 9110 §5.6.2) of at most 32 characters, so nothing else reaches a log line. */
    static boolean isMethod(String method) {
        if (method.isEmpty() || method.length() > 32) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** A host, maybe with a port: no user info, nothing that would start a path, a query or a fragment. */
    static boolean isAuthority(String authority) {
        if (authority.isEmpty() || authority.length() > 255) {
            return false;
        }
        for (int i = 0; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:[]".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The header's only value; null when absent; {@link #AMBIGUOUS} when given more than once. */
    private static String single(Request request, String name) {
        Iterator<String> lines = request.getHeaders(name).iterator();
        if (!lines.hasNext()) {
            return null;
        }
        String value = lines.next();
        return lines.hasNext() ? AMBIGUOUS : value.strip();
    }

    /**
     * The path and query of a request target: an absolute-form target ({@code http://host/path}) loses its
     * scheme and authority, and anything else that does not start with {@code /} (an asterisk-form
     * {@code *}) gets one.
     */
    static String pathAndQuery(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.substring(0, scheme).chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '+' || c == '-' || c == '.')) {
            int path = target.indexOf('/', scheme + 3);
            int query = target.indexOf('?', scheme + 3);
            if (path < 0 || (query >= 0 && query < path)) {
                return "/" + (query < 0 ? "" : target.substring(query));
            }
            return target.substring(path);
        }
        return "/" + target;
    }

    /**
     * {@code pathAndQuery} with every character that a URI cannot hold percent-encoded as UTF-8 (spaces,
     * {@code "<>\^`{|}}, {@code #}, {@code [ ]}, controls, non-ASCII, a {@code %} that starts no escape),
     * so that whatever a proxy forwards becomes a target: the raw form is kept wherever it is valid, as a
     * message signature covers it. Returns the argument itself when nothing needs encoding.
     */
    static String escape(String pathAndQuery) {
        StringBuilder escaped = null;
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            boolean keep = isUriCharacter(c) || c == '%' && isEscape(pathAndQuery, i);
            if (keep && escaped == null) {
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(pathAndQuery.length() + 16).append(pathAndQuery, 0, i);
            }
            if (keep) {
                escaped.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < pathAndQuery.length()
                        && Character.isLowSurrogate(pathAndQuery.charAt(i + 1)) ? i + 2 : i + 1;
                for (byte b : pathAndQuery.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return escaped == null ? pathAndQuery : escaped.toString();
    }

    /** RFC 3986's unreserved and reserved characters, less {@code #} and the brackets of IP literals. */
    private static boolean isUriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isEscape(String text, int i) {
        return i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                && Character.digit(text.charAt(i + 2), 16) >= 0 && text.charAt(i + 1) < 128
                && text.charAt(i + 2) < 128;
    }
}
