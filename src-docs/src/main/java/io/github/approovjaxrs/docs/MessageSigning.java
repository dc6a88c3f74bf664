package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ReplayStore;
import io.github.approovjaxrs.replay.redis.RedisReplayStore;
import java.time.Duration;
import java.util.List;

/**
 * Message-signing settings in code: behind a proxy, account signatures, a shared store for single-use requests, and
 * monitor mode for signatures.
 */
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

    /**
     * Account signatures: the account message-signing key and its id from the environment, and the next key
     * of a rotation added in code, named by the id its tokens will carry as mskid.
     */
    static ApproovConfig accountSignatures(byte[] nextAccountKey) {
        // snippet:account-signing-config
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()   // APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL, ..._KEY_ID
                .addAccountMessageSigningSecret("2026-02", nextAccountKey)  // the next key, for tokens with mskid 2026-02
                .build();
        // end-snippet
        return config;
    }

    /** The feature and the store it was given, which the application closes when it stops. */
    record SharedReplayStore(ApproovFeature approov, ReplayStore fleet) implements AutoCloseable {
        @Override
        public void close() {
            fleet.close();
        }
    }

    /**
     * Single-use requests remembered in a Redis the whole fleet shares, set in code rather than with
     * {@code APPROOV_REPLAY_STORE_URL}: one store for the application, closed when it stops.
     */
    static SharedReplayStore sharedReplayStore(String redisUrl) {
        // snippet:replay-store-in-code
        ReplayStore fleet = RedisReplayStore.open(redisUrl, Duration.ofMillis(50));  // e.g. rediss://:password@redis:6380/0
        ApproovFeature approov = ApproovFeature.builder(ApproovConfig.fromEnvironment())
                .replayStore(fleet)   // yours to close when the application stops: fleet.close()
                .build();
        // end-snippet
        return new SharedReplayStore(approov, fleet);
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
