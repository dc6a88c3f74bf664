package io.github.approovjaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds the response for a request the Approov check refuses. The default, {@link #UNAUTHORIZED}, is what
 * Approov's walkthroughs send: {@code 401}, body {@code {}} as JSON, plus {@code WWW-Authenticate: Approov}.
 *
 * <p>A custom responder may shape the error like the rest of its API. It must not tell the client
 * <em>why</em> (that helps attackers); if it throws or returns null, the default 401 is sent instead.
 */
@FunctionalInterface
public interface ApproovFailureResponder {

    /** The default: 401, {@code {}}, {@code WWW-Authenticate: Approov}; the body never says why. */
    ApproovFailureResponder UNAUTHORIZED = (failure, request) -> Response.status(Response.Status.UNAUTHORIZED)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Approov")
            .entity("{}")
            .build();

    /**
     * The response that aborts the request.
     *
     * @param failure why the request was refused (for choosing a status, not for the client to read)
     * @param request the refused request
     */
    Response respond(ApproovFailure failure, ContainerRequestContext request);
}
