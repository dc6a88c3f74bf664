package io.github.approovjaxrs.docs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovRequirements;
import jakarta.servlet.ServletException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ApproovServletFilter} enforcing: what fails never reaches the servlet, and what passes arrives whole. */
class ServletFilterTest extends OrdersBehindTheFilter {

    @Override
    Map<String, String> settings() {
        return Map.of();
    }

    @Test
    void aSignedPostReachesTheServletWithItsBodyWhole() throws Exception {
        String token = token();
        assertEquals("200 claims=signed restored body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, token, signedPost("orders", token, ORDER)));
    }

    @Test
    void theServletMayReadTheBodyAsCharactersToo() throws Exception {
        String token = token();
        assertEquals("200 claims=signed restored body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders/reader", ORDER, token, signedPost("orders/reader", token, ORDER)));
    }

    @Test
    void withoutAContentDigestTheBodyIsNeverRead() throws Exception {
        // Signed, but without a Content-Digest: the check has no use for the body. The servlet gets the
        // container's own request and reads from it all of a body 2,000 times the limit: nothing was read
        // before it, and nothing was held.
        String token = token();
        assertEquals("200 claims=signed untouched body=" + BULK.length + " chars",
                post("orders/reader", BULK, token, device.request("POST", target("orders/reader").getUri())
                        .header("Approov-Token", token).sign().headers()));
        assertEquals("200 claims=token untouched body=" + BULK.length + " chars",
                post("orders/reader", BULK, TestSecret.TOKENS.mint(), Map.of()));
    }

    @Test
    void aChangedBodyIsRefusedBeforeTheServlet() throws Exception {
        String token = token();
        byte[] changed = "{\"shape\":\"Circle\",\"quantity\":9}".getBytes(UTF_8);
        assertEquals("401 {} Approov", post("orders", changed, token, signedPost("orders", token, ORDER)));
    }

    @Test
    void theQueryIsSignedAsSent() throws Exception {
        String token = token();
        URI signed = target("orders").queryParam("shape", "Circle%2BCone").getUri();
        assertEquals("200 claims=signed query=shape=Circle%2BCone", get(signed, token, signed));
        URI other = target("orders").queryParam("shape", "Cube").getUri();
        assertEquals("401 {} Approov", get(other, token, signed));
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        String token = token();
        assertEquals("413 {}", post("orders", LARGER, token, signedPost("orders", token, LARGER)));
        assertEquals("413 {}", post("orders", BULK, token, signedPost("orders", token, BULK)));
    }

    @Test
    void noTokenOrATokenWithoutASignatureIsRefused() throws Exception {
        assertEquals("401 {} Approov", post("orders", ORDER, null, Map.of()));
        assertEquals("401 {} Approov", post("orders", ORDER, token(), Map.of()));
    }

    @Test
    void aTokenWithoutIpkPassesAsTokenOnly() throws Exception {
        assertEquals("200 claims=token untouched body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, TestSecret.TOKENS.mint(), Map.of()));
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

    @Test
    void theRequirementsAreNamedAsTheStartUpLogNamesThem() throws Exception {
        assertEquals(ApproovRequirements.token(), ApproovServletFilter.requirements(null));
        assertEquals(ApproovRequirements.token().withBinding(), ApproovServletFilter.requirements("token + binding"));
        ApproovRequirements all = ApproovRequirements.token().withBinding().withMessageSignature();
        assertEquals(all, ApproovServletFilter.requirements(all.toString()));
        assertEquals(all, ApproovServletFilter.requirements("message signature+binding"));
        ApproovRequirements singleUse = ApproovRequirements.token().withBinding().withSingleUseMessageSignature();
        assertEquals(singleUse, ApproovServletFilter.requirements(singleUse.toString()));
    }

    @Test
    void unknownRequirementsStopTheFilter() {
        for (String names : new String[] {"", "token +", "token + signature", "token, binding"}) {
            ServletException refused = assertThrows(ServletException.class,
                    () -> ApproovServletFilter.requirements(names));
            assertTrue(refused.getMessage().startsWith("The init parameter requirements joins token, binding and"
                    + " message signature (or single-use message signature) with +"), refused.getMessage());
        }
    }
}
