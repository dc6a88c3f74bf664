package io.github.approovjaxrs.core;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One HTTP request as {@link ApproovCheck#decide} reads it: the method, the target URI parts exactly as
 * received (raw path and query, never decoded), every header line, and the body, read only if a check needs
 * it. Framework-free, so any server can hand a request to the check:
 *
 * <pre>{@code
 * ApproovRequest request = ApproovRequest.builder()
 *         .method(servletRequest.getMethod())
 *         .target(URI.create(servletRequest.getRequestURL() + (query == null ? "" : "?" + query)))
 *         .headers(name -> Collections.list(servletRequest.getHeaders(name)))
 *         .body(bodyBytes)
 *         .build();
 * }</pre>
 *
 * <p>Scheme and authority are the ones the server saw; when {@code APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN}
 * is configured (a server behind a TLS proxy) the message-signature check uses that origin instead. A
 * request is checked on one thread; it is not meant to be shared. Listeners see its method and path, and what
 * the client's Approov SDK reported as far as it is safe to log ({@link #approovStatus()}, {@link #traceId()}).
 */
public final class ApproovRequest {

    /**
     * Reads the body on demand, so that it is only read when a {@code Content-Digest} must be checked: an
     * adapter reads at most {@code limit + 1} bytes of its request's stream and, if the endpoint will read
     * the body too, puts back what it read.
     */
    @FunctionalInterface
    public interface BodyReader {
        /** The first {@code limit + 1} bytes of the body at most (one more than allowed shows it is too large). */
        byte[] read(int limit) throws IOException;
    }

    private final String method;
    private final String scheme;
    private final String authority;
    private final String path;
    private final String query;
    private final Function<String, List<String>> headers;
    private final BodyReader bodyReader;
    private final Supplier<List<String>> bindingValues;
    private final boolean bodyUnavailable;
    private byte[] body;
    /** The headers of the client's report, set by the check that judges this request; null before. */
    private String statusHeaderName;
    private String traceIdHeaderName;
    private boolean reportRead;
    private String approovStatus;
    private String traceId;

    private ApproovRequest(Builder builder) {
        this.method = builder.method;
        this.scheme = builder.scheme;
        this.authority = builder.authority;
        this.path = builder.path;
        this.query = builder.query;
        if (builder.headerLookup != null) {
            this.headers = builder.headerLookup;
        } else {
            Map<String, List<String>> lines = new LinkedHashMap<>();
            builder.headerLines.forEach((name, values) -> lines.put(name, List.copyOf(values)));
            this.headers = name -> lines.get(name.toLowerCase(Locale.ROOT));
        }
        this.bodyReader = builder.bodyReader;
        this.bindingValues = builder.bindingValues;
        this.bodyUnavailable = builder.bodyUnavailable;
    }

    /** A builder; method, target and headers are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The request method, as received. */
    public String method() {
        return method;
    }

    String scheme() {
        return scheme;
    }

    String authority() {
        return authority;
    }

    /** The path as received (raw: still percent-encoded), never empty; for logs and listeners. */
    public String path() {
        return path;
    }

    /** The raw query without its '?', or null when the target has none. */
    String query() {
        return query;
    }

    /** Every line of the header {@code name} (case-insensitive), in order; empty when there is none. */
    List<String> headerLines(String name) {
        List<String> lines = headers.apply(name);
        return lines == null ? List.of() : lines;
    }

    /**
     * The candidate values of the token binding, when the adapter finds them elsewhere than in the binding
     * header (a custom extractor); null: read the binding header.
     */
    List<String> bindingValues() {
        return bindingValues == null ? null : bindingValues.get();
    }

    /** Whether the adapter cannot see the body at all ({@link Builder#bodyUnavailable()}). */
    boolean bodyUnavailable() {
        return bodyUnavailable;
    }

    /** The first {@code limit + 1} bytes of the body at most, read once. */
    byte[] body(int limit) throws IOException {
        if (body == null) {
            body = bodyReader == null ? new byte[0] : bodyReader.read(limit);
        }
        return body;
    }

    /**
     * The {@code Approov-Status} the client's SDK sent (header name configurable:
     * {@code APPROOV_STATUS_HEADER_NAME}), for telling a device that was offline ({@code no_network}) from a
     * client without the SDK at all (no status): one of {@code success}, {@code no_network},
     * {@code poor_network}, {@code untrusted_network}, {@code no_approov_service}, {@code rejected},
     * {@code internal_error} (reported in lower case whatever the case sent); {@code unknown} for any other
     * value, which is never repeated; empty when the request carries none. Known once {@link ApproovCheck}
     * has begun to judge the request, so listeners always see it.
     */
    public Optional<String> approovStatus() {
        readReport();
        return Optional.ofNullable(approovStatus);
    }

    /**
     * The {@code Approov-TraceID} the client's SDK sent (header name configurable:
     * {@code APPROOV_TRACE_ID_HEADER_NAME}), to find the request in Approov's own logs: only when it is one
     * line of at most 48 characters of {@code A-Z a-z 0-9 - _ . :} that looks like no token or key; empty
     * otherwise, and when the request carries none. Known once {@link ApproovCheck} has begun to judge the
     * request.
     */
    public Optional<String> traceId() {
        readReport();
        return Optional.ofNullable(traceId);
    }

    /** Where the check finds the client's report; read only if a listener asks for it. */
    void reportHeaders(String statusHeader, String traceIdHeader) {
        this.statusHeaderName = statusHeader;
        this.traceIdHeaderName = traceIdHeader;
        this.reportRead = false;
    }

    private void readReport() {
        if (reportRead || statusHeaderName == null) {
            return;
        }
        reportRead = true;
        try {
            approovStatus = ClientReport.status(headerLines(statusHeaderName));
            traceId = ClientReport.traceId(headerLines(traceIdHeaderName));
        } catch (RuntimeException unreadable) {
            // A report is for the log only: a container that cannot give the headers leaves it empty.
            approovStatus = null;
            traceId = null;
        }
    }

    /** Only the method and path: header values and the body may be credentials. */
    @Override
    public String toString() {
        return "ApproovRequest[" + method + " " + path + "]";
    }

    /** Collects the parts of a request. */
    public static final class Builder {
        private String method;
        private String scheme;
        private String authority;
        private String path;
        private String query;
        private Function<String, List<String>> headerLookup;
        private final Map<String, List<String>> headerLines = new LinkedHashMap<>();
        private BodyReader bodyReader;
        private Supplier<List<String>> bindingValues;
        private boolean bodyUnavailable;

        private Builder() {
        }

        /** The request method, e.g. {@code GET}, as received (methods are case-sensitive). */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * The target URI as the server received it: scheme, authority, raw path and raw query are taken
         * undecoded ({@link URI#getRawPath()}, {@link URI#getRawQuery()}); a fragment is ignored.
         */
        public Builder target(URI target) {
            Objects.requireNonNull(target, "target");
            this.scheme = target.getScheme();
            this.authority = target.getRawAuthority();
            String rawPath = target.getRawPath();
            this.path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            this.query = target.getRawQuery();
            return this;
        }

        /**
         * Where header lines come from: {@code lookup} returns every line of a header name, matched
         * case-insensitively, in the order received (null or empty when there is none). Replaces lines
         * added with {@link #header}.
         */
        public Builder headers(Function<String, List<String>> lookup) {
            this.headerLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Adds one header line; call again with the same name for another line of that header. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            headerLines.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /** The body as received (after transfer decoding, before any content decoding); empty when absent. */
        public Builder body(byte[] body) {
            byte[] copy = body.clone();
            this.bodyReader = limit -> copy;
            this.bodyUnavailable = false;
            return this;
        }

        /**
         * The body, read only if a check needs it (a {@code Content-Digest} to compare), and then at most
         * {@code limit + 1} bytes of it; without a body reader the body is empty.
         */
        public Builder body(BodyReader reader) {
            this.bodyReader = Objects.requireNonNull(reader, "reader");
            this.bodyUnavailable = false;
            return this;
        }

        /**
         * The adapter cannot see the body: a proxy's check service that the proxy sends the headers only (NGINX
         * {@code auth_request}, Caddy {@code forward_auth}). A {@code Content-Digest} is then checked for its
         * form but not compared with the body, which is left to the origin (the signature still covers the
         * digest's value when it lists {@code content-digest}); with
         * {@link ApproovConfig#requireContentDigest()} a covered {@code Content-Digest} is required on every
         * signed request, since the body may not be empty. The last of this and {@link #body} wins.
         */
        public Builder bodyUnavailable() {
            this.bodyUnavailable = true;
            this.bodyReader = null;
            return this;
        }

        /**
         * Where the bound value comes from when it is not the binding header: {@code values} returns every
         * candidate found (the check requires exactly one, non-empty), and is called only on endpoints that
         * require the binding. Without it the binding header's lines are read.
         */
        public Builder bindingValues(Supplier<List<String>> values) {
            this.bindingValues = Objects.requireNonNull(values, "values");
            return this;
        }

        /**
         * The request.
         *
         * @throws IllegalStateException when the method or an absolute target (scheme and authority) is missing
         */
        public ApproovRequest build() {
            if (method == null || scheme == null || authority == null || path == null) {
                throw new IllegalStateException("an ApproovRequest needs a method and an absolute target URI");
            }
            return new ApproovRequest(this);
        }
    }
}
