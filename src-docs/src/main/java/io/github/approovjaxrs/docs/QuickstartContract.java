package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The walkthrough's section "Approov's current quickstart contract": the base64url secret, a binding to two
 * headers, and what a listener learns from the client's Approov-Status and Approov-TraceID.
 */
final class QuickstartContract {

    private QuickstartContract() {
    }

    /** The account secret as Approov's current quickstarts read it. */
    static ApproovConfig base64UrlConfig(String secret) {
        // snippet:base64url-secret
        ApproovConfig config = ApproovConfig.builder()
                .base64UrlSecret(secret)                  // `approov secret -get base64url`, padding optional
                .build();                                 // the same as APPROOV_BASE64URL_SECRET=<secret>
        // end-snippet
        return config;
    }

    /** An endpoint bound to two headers, as Approov's quickstarts bind {@code /token-double-binding}. */
    @Path("uploads")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Uploads {
        // snippet:double-binding
        /** Only for a token bound to this user's Authorization and to this body's Content-Digest, in this order. */
        @GET
        @ApproovBound({"Authorization", "Content-Digest"})
        public String upload() {
            return "{\"uploaded\":true}";
        }
        // end-snippet
    }

    // snippet:client-report-listener
    /** Tells an offline device (no_network) from a client without Approov's SDK (no status at all). */
    static final class RefusalsBySdkStatus implements ApproovListener {
        final List<String> refusals = new CopyOnWriteArrayList<>();

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            String status = request.approovStatus().orElse("none");   // a known status, or "unknown"
            refusals.add(failure.code() + " status=" + status
                    + request.traceId().map(trace -> " trace=" + trace).orElse(""));
        }
    }
    // end-snippet
}
