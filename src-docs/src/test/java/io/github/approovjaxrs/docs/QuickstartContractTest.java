package io.github.approovjaxrs.docs;

import static io.github.approovjaxrs.TestSecret.TOKENS;
import static io.github.approovjaxrs.docs.HttpChecks.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.JerseyServer;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walkthrough's section "Approov's current quickstart contract", over HTTP. */
class QuickstartContractTest {

    static final String SECRET_BASE64URL = Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET);

    final QuickstartContract.RefusalsBySdkStatus refusals = new QuickstartContract.RefusalsBySdkStatus();
    JerseyServer server;

    @BeforeEach
    void start() {
        ApproovConfig config = ApproovConfig.builder().readEnvironment(name -> null)
                .base64UrlSecret(SECRET_BASE64URL).loggingEnabled(false).build();
        server = new JerseyServer(new ResourceConfig(QuickstartContract.Uploads.class)
                .register(ApproovFeature.builder(config).listener(refusals).build())).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> get(String... headers) {
        return RawHttp.get(server.uri("uploads"), headers);
    }

    @Test
    void theBase64UrlSecretVerifiesTokensOfTheAccountSecret() {
        ApproovCheck check = ApproovCheck.create(QuickstartContract.base64UrlConfig(SECRET_BASE64URL));
        ApproovRequest request = ApproovRequest.builder().method("GET").target(URI.create("https://api.example.com/"))
                .header("Approov-Token", TOKENS.mint()).build();
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(request, ApproovRequirements.token()));
        ApproovRequest forged = ApproovRequest.builder().method("GET").target(URI.create("https://api.example.com/"))
                .header("Approov-Token", TOKENS.withWrongSignature().mint()).build();
        assertInstanceOf(ApproovDecision.Refused.class, check.decide(forged, ApproovRequirements.token()));
    }

    @Test
    void aTokenBoundToBothValuesInOrderPasses() {
        HttpResponse<String> response = get("Approov-Token", TOKENS.boundTo("Bearer user-1", "sha-256=:abc=:").mint(),
                "Authorization", "Bearer user-1", "Content-Digest", "sha-256=:abc=:");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"uploaded\":true}", response.body());
    }

    @Test
    void eitherHeaderMissingOrAnotherValueIsRefused() {
        String token = TOKENS.boundTo("Bearer user-1", "sha-256=:abc=:").mint();
        assertRefused(get("Approov-Token", token, "Authorization", "Bearer user-1"));
        assertRefused(get("Approov-Token", token, "Authorization", "Bearer user-2", "Content-Digest", "sha-256=:abc=:"));
        assertEquals(List.of("missing_binding_header status=none", "binding_mismatch status=none"), refusals.refusals);
    }

    @Test
    void theListenerTellsAnOfflineDeviceFromAClientWithoutTheSdk() {
        assertRefused(get("Approov-Status", "no_network", "Approov-TraceID", "4bf92f3577b34da6"));
        assertRefused(get());
        assertRefused(get("Approov-Status", "offline; token=" + TOKENS.mint()));
        assertEquals(List.of("missing_token status=no_network trace=4bf92f3577b34da6", "missing_token status=none",
                "missing_token status=unknown"), refusals.refusals);
    }
}
