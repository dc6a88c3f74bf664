package io.github.approovjaxrs.docs;

// snippet:servlet-filter
import io.github.approovjaxrs.ApproovConfig;
import io.github.approovjaxrs.ApproovFailure;
import io.github.approovjaxrs.ApproovRequest;
import io.github.approovjaxrs.ApproovVerdict;
import io.github.approovjaxrs.ApproovVerifier;
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
 * Outside JAX-RS, a servlet filter: lets a request through only with a valid Approov token and, when the
 * token carries the installation's key ({@code ipk}), the app's signature on the request. The verified
 * claims are the request attribute {@link #CLAIMS}. It always enforces (no monitor mode).
 */
public class ApproovSignatureFilter implements Filter {

    /** The request attribute that holds the {@code ApproovClaims} of a request that passed. */
    public static final String CLAIMS = "approov.claims";

    private static final System.Logger LOG = System.getLogger(ApproovSignatureFilter.class.getName());

    private ApproovVerifier verifier;

    /** Reads the APPROOV_* variables: a missing or invalid one stops the application here, not later. */
    @Override
    public void init(FilterConfig filterConfig) {
        verifier = ApproovVerifier.create(ApproovConfig.fromEnvironment());
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
        // At most one byte over the limit: enough for the verifier to tell a body too large to check.
        InputStream entity = request.getInputStream();
        byte[] head = entity.readNBytes(verifier.config().maxBodyBytes() + 1);
        ApproovVerdict verdict = verifier.verifySigned(ApproovRequest.builder()
                .method(request.getMethod())
                .target(target)
                .headers(name -> {
                    Enumeration<String> lines = request.getHeaders(name);
                    return lines == null ? null : Collections.list(lines);
                })
                .body(head)
                .build());
        if (verdict instanceof ApproovVerdict.Rejected rejected) {
            // The reason goes to the log, never to the client: 401 as the JAX-RS feature answers, or 413.
            LOG.log(System.Logger.Level.INFO, () -> "Approov: rejected " + request.getMethod() + " "
                    + request.getRequestURI() + ": " + rejected.reason().code());
            boolean tooLarge = rejected.reason() == ApproovFailure.MESSAGE_BODY_TOO_LARGE;
            response.setStatus(tooLarge ? 413 : HttpServletResponse.SC_UNAUTHORIZED);
            if (!tooLarge) {
                response.setHeader("WWW-Authenticate", "Approov");
            }
            response.setContentType("application/json");
            response.getWriter().write("{}");
            return;
        }
        request.setAttribute(CLAIMS, verdict.claims().orElseThrow());
        chain.doFilter(new BodyRestored(request, new SequenceInputStream(new ByteArrayInputStream(head), entity)),
                response);
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
