package io.github.approovjaxrs.docs;

// snippet:servlet-filter
import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Outside JAX-RS, a servlet filter: maps each request to the core's {@link ApproovCheck} and its decision to
 * the servlet's answer, judging nothing itself. What the filtered URLs require is the init parameter
 * {@value #REQUIREMENTS}, in the words of the library's start-up log: {@code token} (the default),
 * {@code token + binding}, {@code token + message signature}, {@code token + single-use message signature}
 * (each signed request let through once), or a binding with either. Monitor mode, logging and listeners are
 * the core's, as configured. The verified claims are the request attribute {@link #CLAIMS}. The body is read
 * only when a {@code Content-Digest} must be checked, and then handed on whole.
 */
public class ApproovServletFilter implements Filter {

    /** The init parameter naming what the filtered URLs require, e.g. {@code token + message signature}. */
    public static final String REQUIREMENTS = "requirements";
    /** The request attribute that holds the {@code ApproovClaims} of a request that passed. */
    public static final String CLAIMS = "approov.claims";

    private ApproovCheck check;
    private ApproovRequirements requirements;

    /** Reads the requirements and the APPROOV_* variables: a mistake stops the application here, not later. */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        requirements = requirements(filterConfig.getInitParameter(REQUIREMENTS));
        check = ApproovCheck.create(ApproovConfig.fromEnvironment());
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        URI target;
        try { // the URL the container saw: raw path and query, never decoded
            String query = request.getQueryString();
            target = new URI(request.getRequestURL() + (query == null ? "" : "?" + query));
        } catch (URISyntaxException unparsable) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        LazyBody body = new LazyBody(request);
        ApproovDecision decision = check.decide(ApproovRequest.builder()
                .method(request.getMethod())
                .target(target)
                .headers(name -> {
                    Enumeration<String> lines = request.getHeaders(name);
                    return lines == null ? null : Collections.list(lines);
                })
                .body(body)
                .build(), requirements);
        if (decision instanceof ApproovDecision.Refused refused) {
            // 401 (413 for a signed body over the limit, 503 with Retry-After when the replay store cannot
            // answer) and {}, as the JAX-RS feature answers: never why.
            response.setStatus(refused.status());
            refused.headers().forEach(response::setHeader);
            response.getWriter().write(refused.body());
            return;
        }
        if (decision instanceof ApproovDecision.Accepted accepted) {
            request.setAttribute(CLAIMS, accepted.claims());
        } // else LetThrough: monitor mode, the request goes on without claims
        chain.doFilter(body.handedOn(), response);
    }

    /** Closes the check: the replay store it opened from APPROOV_REPLAY_STORE_URL, if any. */
    @Override
    public void destroy() {
        check.close();
    }

    /**
     * {@code token}, {@code binding} and {@code message signature} (or {@code single-use message signature}),
     * joined with {@code +}; none: the token.
     */
    static ApproovRequirements requirements(String names) throws ServletException {
        ApproovRequirements requirements = ApproovRequirements.token();
        for (String name : (names == null ? "token" : names).split("\\+", -1)) {
            switch (name.strip()) {
                case "token" -> { }
                case "binding" -> requirements = requirements.withBinding();
                case "message signature" -> requirements = requirements.withMessageSignature();
                case "single-use message signature" -> requirements = requirements.withSingleUseMessageSignature();
                default -> throw new ServletException("The init parameter " + REQUIREMENTS + " joins token,"
                        + " binding and message signature (or single-use message signature) with +, e.g. token +"
                        + " message signature; got \"" + names + "\"");
            }
        }
        return requirements;
    }

    /** The body, read only if the check asks for it; then handed on whole to the servlet. */
    private static final class LazyBody implements ApproovRequest.BodyReader {
        private final HttpServletRequest request;
        private InputStream rest;
        private byte[] head;

        LazyBody(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public byte[] read(int limit) throws IOException {
            rest = request.getInputStream();
            head = rest.readNBytes(limit + 1); // one byte over the limit says "too large"
            return head;
        }

        /** The request as it came when its body was never read, else with the bytes read put back. */
        HttpServletRequest handedOn() {
            return head == null ? request
                    : new BodyRestored(request, new SequenceInputStream(new ByteArrayInputStream(head), rest));
        }
    }

    /** The request with its body whole again for the servlet: the bytes read here, then the rest. */
    private static final class BodyRestored extends HttpServletRequestWrapper {
        private final ServletInputStream body;

        BodyRestored(HttpServletRequest request, InputStream body) {
            super(request);
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    finished = next < 0;
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int count = body.read(buffer, offset, length);
                    finished = count < 0;
                    return count;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("this request's body is read blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(body, encoding == null ? "ISO-8859-1" : encoding));
        }
    }
}
// end-snippet
