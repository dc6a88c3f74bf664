package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovConfig;
import java.util.List;

/** Message-signing settings in code: behind a proxy, and monitor mode for signatures. */
final class MessageSigning {

    private MessageSigning() {
    }

    /** For a server behind a TLS-terminating proxy, that also wants Authorization signed. */
    static ApproovConfig behindAProxy() {
        // snippet:message-signing-config
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()
                .publicOrigin("https://api.example.com")             // APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN
                .requiredSignedComponents(List.of("authorization"))  // APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS
                .build();
        // end-snippet
        return config;
    }

    /** Signatures watched, not enforced; tokens and bindings still enforced. */
    static ApproovConfig monitorSignatures() {
        // snippet:monitor-mode-signatures
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()
                .abortOnInvalidMessageSignature(false)   // log a missing or bad signature; the request goes on
                .build();
        // end-snippet
        return config;
    }
}
