package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovDecision;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Builds the response for a request the Approov check refuses. The default, {@link #DEFAULT}, answers what the
 * core's decision says, as Approov's walkthroughs do: {@code 401}, body {@code {}} as JSON, plus
 * {@code WWW-Authenticate: Approov} ({@code 413} for a body too large to check its digest; {@code 503} with
 * {@code Retry-After} when a single-use endpoint's replay store cannot answer).
 *
 * <p>A custom responder may shape the error like the rest of its API. It must not tell the client
 * <em>why</em> (that helps attackers); if it throws or returns null, the default is sent instead.
 */
@FunctionalInterface
public interface ApproovFailureResponder {

    /**
     * The default: {@link ApproovDecision.Refused#status()} (401; 413 for a signed body over
     * {@code APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES}; 503 when the replay store cannot answer) with the
     * decision's headers and its body {@code {}}, which never says why.
     */
    ApproovFailureResponder DEFAULT = (refused, request) -> {
        Response.ResponseBuilder response = Response.status(refused.status()).entity(refused.body());
        refused.headers().forEach(response::header);
        return response.build();
    };

    /**
     * The response that aborts the request.
     *
     * @param refused the core's decision: why the request was refused (for choosing a status, not for the
     *     client to read) and the status it calls for
     * @param request the refused request
     */
    Response respond(ApproovDecision.Refused refused, ContainerRequestContext request);
}
