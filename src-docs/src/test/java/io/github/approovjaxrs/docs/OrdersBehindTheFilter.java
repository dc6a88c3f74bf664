package io.github.approovjaxrs.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.testing.AppInstallation;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.glassfish.jersey.test.DeploymentContext;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.ServletDeploymentContext;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.grizzly.GrizzlyWebTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link ApproovServletFilter} for {@code token + message signature} (unless {@link #requirements()} says
 * otherwise), in a real servlet container (Grizzly's,
 * from the Jersey test framework) in front of a plain servlet that says what reached it, configured as a
 * deployment would be: from the APPROOV_* variables, here as system properties ({@link #settings()}).
 */
abstract class OrdersBehindTheFilter extends JerseyTest {

    static final byte[] ORDER = "{\"shape\":\"Circle\",\"quantity\":2}".getBytes(UTF_8);
    /** One byte over the limit set below. */
    static final byte[] LARGER = "{\"shape\":\"Circle\",\"quantity\":10}".getBytes(UTF_8);
    /** Far over the limit: 64 KiB. */
    static final byte[] BULK = ("{\"shape\":\"Circle\",\"note\":\"" + "x".repeat(64 * 1024 - 28) + "\"}").getBytes(UTF_8);

    final AppInstallation device = AppInstallation.create();

    /**
     * Says what reached it: {@code claims=} signed, token or none; for a POST, whether it got the container's
     * own request ({@code untouched}) or the filter's, with the bytes the check read put back
     * ({@code restored}), and the body it read (as characters from {@code .../reader}, else as bytes).
     */
    public static class OrdersServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("claims=" + claims(request) + " query=" + request.getQueryString());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = request.getPathInfo() != null && request.getPathInfo().endsWith("reader")
                    ? request.getReader().readLine()
                    : new String(request.getInputStream().readAllBytes(), UTF_8);
            response.getWriter().write("claims=" + claims(request) + " "
                    + (request instanceof HttpServletRequestWrapper ? "restored" : "untouched") + " body="
                    + (body.length() > 100 ? body.length() + " chars" : body));
        }

        private static String claims(HttpServletRequest request) {
            Object claims = request.getAttribute(ApproovServletFilter.CLAIMS);
            return claims == null ? "none" : ((ApproovClaims) claims).isMessageSigned() ? "signed" : "token";
        }
    }

    /** The APPROOV_* variables beyond the test secret and the body limit. */
    abstract Map<String, String> settings();

    /** What the filtered URLs require: the filter's init parameter. */
    String requirements() {
        return "token + message signature";
    }

    @Override
    protected TestContainerFactory getTestContainerFactory() {
        return new GrizzlyWebTestContainerFactory();
    }

    @Override
    protected DeploymentContext configureDeployment() {
        forceSet(TestProperties.CONTAINER_PORT, "0");
        return ServletDeploymentContext.forServlet(new OrdersServlet())
                .addFilter(ApproovServletFilter.class, "approov",
                        Map.of(ApproovServletFilter.REQUIREMENTS, requirements()))
                .build();
    }

    /** The filter reads its configuration when the container starts it, within setUp. */
    @BeforeEach
    @Override
    public void setUp() throws Exception {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64);
        settings.put("APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", String.valueOf(ORDER.length));
        SystemProperties.with(settings, () -> {
            try {
                super.setUp();
            } catch (Exception cannotStart) {
                throw new IllegalStateException(cannotStart);
            }
            return null;
        });
    }

    /** A token carrying the device's key, so its requests must be signed. */
    String token() {
        return TestSecret.TOKENS.installationKey(device.publicKey()).mint();
    }

    /** The headers that sign a POST of {@code body} to {@code path}, with its Content-Digest. */
    Map<String, String> signedPost(String path, String token, byte[] body) {
        return device.request("POST", target(path).getUri()).header("Approov-Token", token).body(body).sign().headers();
    }

    String post(String path, byte[] body, String token, Map<String, String> signature) {
        Invocation.Builder request = target(path).request();
        if (token != null) {
            request.header("Approov-Token", token);
        }
        signature.forEach(request::header);
        return answer(request.post(Entity.json(body)));
    }

    /** GETs {@code uri}, signed as a request for {@code signedUri}. */
    String get(URI uri, String token, URI signedUri) throws Exception {
        Invocation.Builder request = client().target(uri).request().header("Approov-Token", token);
        device.request("GET", signedUri).header("Approov-Token", token).sign().headers().forEach(request::header);
        return answer(request.get());
    }

    /** "status body WWW-Authenticate". */
    static String answer(Response response) {
        try (response) {
            String challenge = response.getHeaderString("WWW-Authenticate");
            return response.getStatus() + " " + response.readEntity(String.class)
                    + (challenge == null ? "" : " " + challenge);
        }
    }
}
