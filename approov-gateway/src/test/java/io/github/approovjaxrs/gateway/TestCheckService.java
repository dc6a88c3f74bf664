package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ReplayStore;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** A check service started in this JVM on a free loopback port, configured as a map of variables. */
final class TestCheckService implements AutoCloseable {

    private final CheckService service;

    private TestCheckService(CheckService service) {
        this.service = service;
    }

    /** The variables of a quiet check service with the gateway tests' secret, plus these pairs (which win). */
    static Map<String, String> settings(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        settings.put("APPROOV_BASE64_SECRET", TestGateway.SECRET_BASE64);
        settings.put("APPROOV_LOGGING_ENABLED", "false");
        settings.put("HTTP_PORT", "0");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return settings;
    }

    /** Started with {@link #settings} and these pairs, its decisions heard by {@code listener} (may be null). */
    static TestCheckService start(ApproovListener listener, String... nameValuePairs) {
        return start(listener, null, nameValuePairs);
    }

    /** The same, with single-use requests remembered in {@code store} (null: the configuration's). */
    static TestCheckService start(ApproovListener listener, ReplayStore store, String... nameValuePairs) {
        CheckServiceConfig config = CheckServiceConfig.read(settings(nameValuePairs)::get, false);
        ApproovCheck.Builder check = ApproovCheck.builder(config.approov());
        if (listener != null) {
            check.listener(listener);
        }
        if (store != null) {
            check.replayStore(store);
        }
        return new TestCheckService(CheckService.start(config, check.build()));
    }

    static TestCheckService start(String... nameValuePairs) {
        return start(null, nameValuePairs);
    }

    /** {@code http://127.0.0.1:<port>/}. */
    URI base() {
        return service.clientUri();
    }

    @Override
    public void close() {
        service.stop();
    }
}
