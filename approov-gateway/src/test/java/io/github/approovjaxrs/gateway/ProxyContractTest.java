package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.gateway.ProxyContract.ClientRequest;
import io.github.approovjaxrs.gateway.ProxyContract.EnvoyExtAuthz;
import io.github.approovjaxrs.gateway.ProxyContract.Outcome;
import io.github.approovjaxrs.testing.AppInstallation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Envoy, Istio and Envoy Gateway (Envoy's ext_authz underneath) and Traefik, which cannot be installed here,
 * replayed from their documentation and source ({@link ProxyContract}) with the settings of their files under
 * {@code deploy/}, in front of a real check service: what the client and the upstream get. NGINX and Caddy run
 * for real in {@code ProxiesIT}.
 */
class ProxyContractTest {

    static final String AUTHORIZATION = "Bearer 0123456789abcdef";
    static TestCheckService service;

    @BeforeAll
    static void start() {
        service = TestCheckService.start("APPROOV_DEVICE_ID_HEADER", "Approov-Device-Id");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Outcome send(DeployedEngines engine, ClientRequest request) {
        return engine.send(service.base(), request);
    }

    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void withoutAValidTokenTheClientGetsTheChecksAnswer(DeployedEngines engine) {
        for (ClientRequest request : List.of(ClientRequest.get("/v1/shapes"),
                ClientRequest.get("/v1/shapes", "Approov-Token", TOKENS.expired().mint()),
                ClientRequest.of("DELETE", "/v1/shapes/7", new byte[0], "Approov-Token", TOKENS.withWrongSignature().mint()),
                ClientRequest.get("/v1/forms", "Approov-Token", TOKENS.mint(), "Authorization", AUTHORIZATION))) {
            Outcome outcome = send(engine, request);

            assertFalse(outcome.allowed(), request.pathAndQuery() + ": " + outcome);
            assertEquals(401, outcome.status(), outcome.toString());
            assertEquals(List.of("Approov"), outcome.header("WWW-Authenticate"));
            assertEquals("{}", outcome.body());
        }
    }

    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void aValidTokenIsLetThroughTheTokenRemovedAndTheVerifiedDeviceIdAdded(DeployedEngines engine) {
        for (String method : List.of("GET", "POST", "DELETE", "PATCH")) {
            Outcome outcome = send(engine, ClientRequest.of(method, "/v1/shapes?x=1", new byte[0],
                    "Approov-Token", TOKENS.deviceId("device-1").mint(), "Approov-Device-Id", "forged",
                    "Authorization", AUTHORIZATION));

            assertTrue(outcome.allowed(), method + ": " + outcome);
            assertEquals(List.of(), outcome.upstreamHeader("Approov-Token"), "the token reached the upstream");
            assertEquals(List.of("device-1"), outcome.upstreamHeader("Approov-Device-Id"));
            assertEquals(List.of(AUTHORIZATION), outcome.upstreamHeader("Authorization"));
        }
    }

    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void theBoundPathNeedsTheTokenBoundToAuthorization(DeployedEngines engine) {
        String bound = TOKENS.boundTo(AUTHORIZATION).mint();

        assertTrue(send(engine, ClientRequest.get("/v1/forms", "Approov-Token", bound, "Authorization", AUTHORIZATION))
                .allowed());
        assertTrue(send(engine, ClientRequest.get("/v1/forms/7", "Approov-Token", bound, "Authorization",
                AUTHORIZATION)).allowed());
        assertEquals(401, send(engine, ClientRequest.get("/v1/forms", "Approov-Token", bound,
                "Authorization", "Bearer fedcba9876543210")).status());
        assertEquals(401, send(engine, ClientRequest.get("/v1/forms", "Approov-Token", bound)).status());
    }

    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void aSignedRequestsBodyIsComparedWithItsDigestByTheCheck(DeployedEngines engine) {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).deviceId("device-2").mint();
        byte[] body = "{\"order\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = device.request("POST", URI.create("http://api.example.com/v5/orders?id=1"))
                .header("Approov-Token", token).header("Content-Type", "application/json")
                .header("Content-Length", String.valueOf(body.length)).body(body).sign().headers();

        Outcome signed = send(engine, signedPost("/v5/orders?id=1", body, token, signature));
        assertTrue(signed.allowed(), signed.toString());
        assertEquals(List.of("device-2"), signed.upstreamHeader("Approov-Device-Id"));

        byte[] other = "{\"order\":2}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, send(engine, signedPost("/v5/orders?id=1", other, token, signature)).status(),
                "another body of the same length");
        assertEquals(401, send(engine, signedPost("/v5/orders?id=2", body, token, signature)).status(),
                "another URI");
    }

    /**
     * None of these engines sends the check a client's X-Forwarded-* or X-Original-* (Envoy sends only the headers
     * it is told to, Traefik sets its own): a signature made for another URI cannot pass by naming that URI.
     */
    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void aClientsForwardedHeadersCannotChangeTheDecision(DeployedEngines engine) {
        AppInstallation device = AppInstallation.create();
        String token = TOKENS.installationKey(device.publicKey()).mint();
        Map<String, String> signature = device.request("GET", URI.create("http://api.example.com/v5/orders?id=1"))
                .header("Approov-Token", token).sign().headers();
        List<String> spoofed = List.of("X-Forwarded-Uri", "/v5/orders?id=1", "X-Original-URI", "/v5/orders?id=1",
                "X-Forwarded-Method", "GET", "X-Original-Method", "GET", "X-Forwarded-Host", "api.example.com");

        assertTrue(send(engine, signedGet("/v5/orders?id=1", token, signature, List.of())).allowed());
        Outcome replayed = send(engine, signedGet("/v5/orders?id=2", token, signature, spoofed));
        assertFalse(replayed.allowed(), replayed.toString());
        assertEquals(401, replayed.status());
    }

    /** Envoy takes a 5xx for a failure of the check (and lets the request through with failure_mode_allow). */
    @ParameterizedTest
    @EnumSource(DeployedEngines.class)
    void noTokenMakesTheCheckFail(DeployedEngines engine) {
        for (String token : List.of("", "a.b.c", "x".repeat(4000), "eyJhbGciOiJub25lIn0.e30.", "é")) {
            Outcome outcome = send(engine, ClientRequest.get("/v1/shapes", "Approov-Token", token));
            assertEquals(401, outcome.status(), outcome.toString());
        }
    }

    /** The files' own settings that the contract relies on. */
    @Test
    void everyEnvoyCheckCallsAPolicysPathAndIsToldNoForwardedHeader() {
        Set<String> policies = Set.of(CheckPolicy.TOKEN.path(), CheckPolicy.TOKEN_BINDING.path(), CheckPolicy.SIGNED.path());
        for (DeployedEngines engine : List.of(DeployedEngines.ENVOY, DeployedEngines.ISTIO, DeployedEngines.ENVOY_GATEWAY)) {
            List<EnvoyExtAuthz> checks = new ArrayList<>(engine.checksByRoute().values());
            assertEquals(policies, Set.copyOf(checks.stream().map(EnvoyExtAuthz::pathPrefix).toList()), engine.name());
            for (EnvoyExtAuthz check : checks) {
                assertTrue(check.allowedHeaders().contains("approov-token"), engine + ": " + check);
                assertTrue(check.allowedHeaders().stream().noneMatch(h -> h.startsWith("x-forwarded")
                        || h.startsWith("x-original")), engine + " passes on a client's forwarded headers: " + check);
                assertEquals(check.pathPrefix().equals(CheckPolicy.SIGNED.path()), check.maxRequestBytes() != null,
                        engine + ": the body goes to the signed check, and only there: " + check);
            }
        }
        List<String> traefik = DeployedEngines.traefikRouters().stream().map(router -> router.getValue().address()
                .getRawPath()).toList();
        assertEquals(policies, Set.copyOf(traefik));
        assertTrue(DeployedEngines.traefikRouters().stream().allMatch(router -> router.getValue().authResponseHeaders()
                .contains("Approov-Token")), "Traefik removes the token only when it is listed in authResponseHeaders");
    }

    private static ClientRequest signedPost(String pathAndQuery, byte[] body, String token, Map<String, String> signature) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token, "Content-Type", "application/json"));
        signature.forEach((name, value) -> headers.addAll(List.of(name, value)));
        return ClientRequest.of("POST", pathAndQuery, body, headers.toArray(String[]::new));
    }

    private static ClientRequest signedGet(String pathAndQuery, String token, Map<String, String> signature,
            List<String> extra) {
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        signature.forEach((name, value) -> headers.addAll(List.of(name, value)));
        headers.addAll(extra);
        return ClientRequest.of("GET", pathAndQuery, new byte[0], headers.toArray(String[]::new));
    }
}
