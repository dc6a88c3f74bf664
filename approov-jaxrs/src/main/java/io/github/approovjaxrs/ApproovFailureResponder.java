package io.github.approovjaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds the response for a request the Approov check refuses. The default, {@link #UNAUTHORIZED}, is what
 * Approov's walkthroughs send: {@code 401}, body {@code {}} as JSON, plus {@code WWW-Authenticate: Approov}
 * (and {@code 413} for a body too large to check its digest).
 *
 * <p>A custom responder may shape the error like the rest of its API. It must not tell the client
 * <em>why</em> (that helps attackers); if it throws or returns null, the default 401 is sent instead.
 */
@FunctionalInterface
public interface ApproovFailureResponder {

    /**
     * The default: 401, {@code {}}, {@code WWW-Authenticate: Approov}; the body never says why. A body over
     * {@code APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES} gets {@code 413} and {@code {}} instead: the limit is the
     * server's, and the client may retry with a smaller body.
     */
    ApproovFailureResponder UNAUTHORIZED = (failure, request) -> failure == ApproovFailure.MESSAGE_BODY_TOO_LARGE
            ? Response.status(413).type(MediaType.APPLICATION_JSON_TYPE).entity("{}").build()
            : Response.status(Response.Status.UNAUTHORIZED)
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
