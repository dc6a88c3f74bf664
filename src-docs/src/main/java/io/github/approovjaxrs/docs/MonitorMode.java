package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovConfig;

/** Monitor mode: the check runs and logs, and lets every request through. */
final class MonitorMode {

    private MonitorMode() {
    }

    static ApproovConfig config() {
        // snippet:monitor-mode
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()
                .abortOnInvalidToken(false)      // log a missing or invalid token; the request goes on
                .abortOnInvalidBinding(false)    // the same for a token not bound to the request
                .build();
        // end-snippet
        return config;
    }
}
