package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A gateway started in this JVM on a free loopback port, configured as a map of variables. */
final class TestGateway implements AutoCloseable {

    /**
     * The account secret of the gateway's tests, in base64: 32 bytes, not Approov's public dummy secret, which
     * the gateway refuses unless started with {@code --demo}.
     */
    static final String SECRET_BASE64 = Base64.getEncoder()
            .encodeToString("test-secret-test-secret-test-sec".getBytes(StandardCharsets.US_ASCII));
    /** Approov-like tokens signed with that secret, valid for an hour unless told otherwise. */
    static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(SECRET_BASE64);

    private final Gateway gateway;

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * The variables of a quiet gateway in front of {@code upstreamUrl}, with the test secret, plus the given
     * name, value pairs (which win).
     */
    static Map<String, String> settings(String upstreamUrl, String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        settings.put("APPROOV_UPSTREAM_URL", upstreamUrl);
        settings.put("APPROOV_BASE64_SECRET", SECRET_BASE64);
        settings.put("APPROOV_LOGGING_ENABLED", "false");
        settings.put("HTTP_PORT", "0");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return settings;
    }

    static TestGateway start(Map<String, String> settings) {
        return start(settings, false);
    }

    static TestGateway start(Map<String, String> settings, boolean demo) {
        return new TestGateway(Gateway.start(GatewayConfig.read(settings::get, demo)));
    }

    static TestGateway inFrontOf(String upstreamUrl, String... nameValuePairs) {
        return start(settings(upstreamUrl, nameValuePairs));
    }

    /** {@code http://127.0.0.1:<port>/}. */
    URI base() {
        return gateway.clientUri();
    }

    /** The gateway URL of {@code target} (a path starting with / and maybe a query), taken as it is. */
    URI at(String target) {
        return URI.create(base().toString().replaceAll("/$", "") + target);
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
