package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feature with every hook of the walkthrough: metrics listener, session-cookie binding, problem details. */
class HooksTest {

    final ApproovMetrics metrics = new ApproovMetrics();
    JerseyServer server;

    @BeforeEach
    void start() {
        server = new JerseyServer(new ResourceConfig(ShapesApi.class)
                .register(ApproovHooks.feature(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build(), metrics))).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> get(String path, String... headers) {
        return RawHttp.get(server.uri(path), headers);
    }

    static void assertProblemDetails(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("{\"title\":\"Unauthorized\",\"status\":401}", response.body());
    }

    @Test
    void aBoundTokenMatchesTheSessionCookie() {
        assertOk(get("forms", "Approov-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=s3ss10n"));
        assertEquals(1, metrics.accepted());
    }

    @Test
    void theAuthorizationHeaderNoLongerCounts() {
        assertProblemDetails(get("forms", "Approov-Token", TOKENS.boundTo("s3ss10n").mint(), "Authorization", "s3ss10n"));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_BINDING_HEADER));
    }

    @Test
    void anotherSessionIsRefused() {
        assertProblemDetails(get("forms", "Approov-Token", TOKENS.boundTo("s3ss10n").mint(), "Cookie", "session=other"));
        assertEquals(1, metrics.rejected(ApproovFailure.BINDING_MISMATCH));
    }

    @Test
    void everyRefusalIsAProblemDetailsDocumentCountedByReason() {
        assertProblemDetails(get("shapes"));
        assertProblemDetails(get("shapes", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
        assertProblemDetails(get("shapes", "Approov-Token", "not-a-token"));
        assertProblemDetails(get("shapes", "Approov-Token", TOKENS.expiresIn(Duration.ofSeconds(-60)).mint()));
        assertEquals(1, metrics.rejected(ApproovFailure.MISSING_TOKEN));
        assertEquals(2, metrics.rejected(ApproovFailure.EXPIRED));
        assertEquals(1, metrics.rejected(ApproovFailure.MALFORMED_TOKEN));
        assertEquals(0, metrics.rejected(ApproovFailure.BAD_SIGNATURE));
        assertEquals(0, metrics.accepted());
    }
}
