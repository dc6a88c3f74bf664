package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.testing.AppInstallation;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.glassfish.jersey.test.DeploymentContext;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.ServletDeploymentContext;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.grizzly.GrizzlyWebTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApproovSignatureFilter}, the verifier outside JAX-RS, in a real servlet container (Grizzly's, from
 * the Jersey test framework) in front of a plain servlet, configured as a deployment would be: from the
 * APPROOV_* variables, here as system properties.
 */
class ServletFilterTest extends JerseyTest {

    static final byte[] ORDER = "{\"shape\":\"Circle\",\"quantity\":2}".getBytes(UTF_8);
    /** One byte over the limit set below. */
    static final byte[] LARGER = "{\"shape\":\"Circle\",\"quantity\":10}".getBytes(UTF_8);

    final AppInstallation device = AppInstallation.create();

    /** What the servlet behind the filter read: the body's text, and whether the request was signed. */
    public static class OrdersServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("signed=" + signed(request) + " query=" + request.getQueryString());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = request.getPathInfo() != null && request.getPathInfo().endsWith("reader")
                    ? request.getReader().readLine()
                    : new String(request.getInputStream().readAllBytes(), UTF_8);
            response.getWriter().write("signed=" + signed(request) + " body=" + body);
        }

        private static boolean signed(HttpServletRequest request) {
            return ((ApproovClaims) request.getAttribute(ApproovSignatureFilter.CLAIMS)).isMessageSigned();
        }
    }

    @Override
    protected TestContainerFactory getTestContainerFactory() {
        return new GrizzlyWebTestContainerFactory();
    }

    @Override
    protected DeploymentContext configureDeployment() {
        forceSet(TestProperties.CONTAINER_PORT, "0");
        return ServletDeploymentContext.forServlet(new OrdersServlet())
                .addFilter(ApproovSignatureFilter.class, "approov")
                .build();
    }

    /** The filter reads its configuration when the container starts it, within setUp. */
    @BeforeEach
    @Override
    public void setUp() throws Exception {
        SystemProperties.with(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64,
                "APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", String.valueOf(ORDER.length)), () -> {
                    try {
                        super.setUp();
                    } catch (Exception cannotStart) {
                        throw new IllegalStateException(cannotStart);
                    }
                    return null;
                });
    }

    @Test
    void aSignedPostReachesTheServletWithItsBodyWhole() throws Exception {
        String token = token();
        assertEquals("200 signed=true body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, token, signature(target("orders").getUri(), token, ORDER)));
    }

    @Test
    void theServletMayReadTheBodyAsCharactersToo() throws Exception {
        String token = token();
        assertEquals("200 signed=true body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders/reader", ORDER, token, signature(target("orders/reader").getUri(), token, ORDER)));
    }

    @Test
    void aChangedBodyIsRefusedBeforeTheServlet() throws Exception {
        String token = token();
        byte[] changed = "{\"shape\":\"Circle\",\"quantity\":9}".getBytes(UTF_8);
        assertEquals("401 {} Approov",
                post("orders", changed, token, signature(target("orders").getUri(), token, ORDER)));
    }

    @Test
    void theQueryIsSignedAsSent() throws Exception {
        String token = token();
        URI signed = target("orders").queryParam("shape", "Circle%2BCone").getUri();
        assertEquals("200 signed=true query=shape=Circle%2BCone", get(signed, token, signed));
        URI other = target("orders").queryParam("shape", "Cube").getUri();
        assertEquals("401 {} Approov", get(other, token, signed));
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        String token = token();
        assertEquals("413 {}", post("orders", LARGER, token, signature(target("orders").getUri(), token, LARGER)));
    }

    @Test
    void noTokenOrATokenWithoutASignatureIsRefused() throws Exception {
        assertEquals("401 {} Approov", post("orders", ORDER, null, Map.of()));
        assertEquals("401 {} Approov", post("orders", ORDER, token(), Map.of()));
    }

    @Test
    void aTokenWithoutIpkPassesAsTokenOnly() throws Exception {
        assertEquals("200 signed=false body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, TOKENS.mint(), Map.of()));
    }

    @Test
    void aTargetThatIsNoUriGets400WithoutReachingTheCheck() throws Exception {
        // java.net.http will not send a '|' in a path; a raw socket does, and the container lets it through.
        try (Socket socket = new Socket(getBaseUri().getHost(), getBaseUri().getPort())) {
            socket.getOutputStream().write(("GET /orders/a|b HTTP/1.1\r\nHost: " + getBaseUri().getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), "no body: " + answer);
        }
    }

    private String token() {
        return TOKENS.installationKey(device.publicKey()).mint();
    }

    /** The headers that sign a POST of {@code body} to {@code uri} with {@code token}, as the SDK signs. */
    private Map<String, String> signature(URI uri, String token, byte[] body) {
        return device.request("POST", uri).header("Approov-Token", token).body(body).sign().headers();
    }

    private String post(String path, byte[] body, String token, Map<String, String> signature) {
        Invocation.Builder request = target(path).request();
        if (token != null) {
            request.header("Approov-Token", token);
        }
        signature.forEach(request::header);
        return answer(request.post(Entity.json(body)));
    }

    /** GETs {@code uri}, signed as a request for {@code signedUri}. */
    private String get(URI uri, String token, URI signedUri) throws Exception {
        Invocation.Builder request = client().target(uri).request().header("Approov-Token", token);
        device.request("GET", signedUri).header("Approov-Token", token).sign().headers().forEach(request::header);
        return answer(request.get());
    }

    /** "status body WWW-Authenticate". */
    private static String answer(Response response) {
        try (response) {
            String challenge = response.getHeaderString("WWW-Authenticate");
            return response.getStatus() + " " + response.readEntity(String.class)
                    + (challenge == null ? "" : " " + challenge);
        }
    }
}
