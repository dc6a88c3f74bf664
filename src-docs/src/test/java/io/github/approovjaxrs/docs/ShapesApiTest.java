package io.github.approovjaxrs.docs;

// snippet:jersey-test
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.ApproovTokens;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.junit.jupiter.api.Test;

/** The protected Shapes API in a real Jersey server, with tokens minted here from a test secret. */
class ShapesApiTest extends JerseyTest {

    /** Signs the test tokens; never your account's real secret. At least 32 bytes. */
    private static final byte[] SECRET = "a test secret, not the account's real one".getBytes(UTF_8);
    /** Tokens as Approov issues them (exp, iat, did, ip), valid for an hour unless told otherwise. */
    private static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(SECRET);

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0"); // any free port
        ApproovConfig approov = ApproovConfig.builder().secret(SECRET).build();
        return new ResourceConfig(ShapesApi.class).register(ApproovFeature.create(approov));
    }

    @Test
    void shapesRefusesARequestWithoutAToken() {
        assertEquals(401, status("shapes"));
    }

    @Test
    void shapesAnswersAValidToken() {
        assertEquals(200, status("shapes", "Approov-Token", TOKENS.mint()));
    }

    @Test
    void shapesRefusesAnExpiredOrForgedToken() {
        assertEquals(401, status("shapes", "Approov-Token", TOKENS.expired().mint()));
        assertEquals(401, status("shapes", "Approov-Token", TOKENS.withWrongSignature().mint()));
    }

    @Test
    void formsNeedsATokenBoundToTheAuthorizationHeader() {
        String token = TOKENS.boundTo("Bearer user-1").mint();
        assertEquals(200, status("forms", "Approov-Token", token, "Authorization", "Bearer user-1"));
        assertEquals(401, status("forms", "Approov-Token", token, "Authorization", "Bearer user-2"));
    }

    /** The status of a GET of {@code path} with the given header names and values. */
    private int status(String path, String... headers) {
        Invocation.Builder request = target(path).request();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (Response response = request.get()) {
            return response.getStatus();
        }
    }
}
// end-snippet
