package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.ApproovBindingExtractor;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFailureResponder;
import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The JAX-RS hooks of the feature: a listener, where the bound value is, what a refusal looks like. */
final class ApproovHooks {

    private ApproovHooks() {
    }

    // snippet:binding-extractor
    /** Binds tokens to the session cookie instead of the Authorization header. */
    static final ApproovBindingExtractor SESSION_COOKIE = request -> {
        Cookie session = request.getCookies().get("session");
        return session == null ? List.of() : List.of(session.getValue());
    };
    // end-snippet

    // snippet:failure-responder
    /** Refusals in the API's own error format (RFC 9457 problem details), still not saying why. */
    static final ApproovFailureResponder PROBLEM_DETAILS = (failure, request) ->
            Response.status(Response.Status.UNAUTHORIZED)
                    .type("application/problem+json")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Approov")
                    .entity("{\"title\":\"Unauthorized\",\"status\":401}")
                    .build();
    // end-snippet

    /** The feature with every hook set. */
    static ApproovFeature feature(ApproovConfig config, ApproovMetrics metrics) {
        // snippet:hooks-register
        ApproovFeature approov = ApproovFeature.builder(config)
                .listener(metrics)                    // hears every decision, besides the default logging
                .bindingExtractor(SESSION_COOKIE)     // @ApproovBound binds to the session cookie
                .failureResponder(PROBLEM_DETAILS)    // refusals look like the API's other errors
                .build();
        // end-snippet
        return approov;
    }
}
