package io.github.approovjaxrs.gateway;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The gateway's own answers when it cannot relay the upstream's: a status and a JSON body with a stable
 * code, {@code {"error":"upstream_timeout"}}. Never a 5xx of the gateway's making other than these, and
 * never the upstream's address or an exception's text, which would tell a caller about the network behind.
 */
enum GatewayError {

    /** The request cannot be forwarded as received (a target or header the HTTP client refuses) or broke off. */
    BAD_REQUEST(400, "bad_request"),
    /** A method the gateway does not forward (TRACE, CONNECT, WebDAV's...). */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** The upstream could not be reached (refused, unresolvable, reset) or broke off before answering. */
    UPSTREAM_UNREACHABLE(502, "upstream_unreachable"),
    /** The upstream answered with something that cannot be relayed (a status outside 200-599). */
    UPSTREAM_INVALID_RESPONSE(502, "upstream_invalid_response"),
    /** The upstream did not accept the connection, or did not start its answer, within the configured timeout. */
    UPSTREAM_TIMEOUT(504, "upstream_timeout");

    private final int status;
    private final String code;

    GatewayError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    /** {@code {"error":"<code>"}}. */
    String body() {
        return "{\"error\":\"" + code + "\"}";
    }

    Response response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body()).build();
    }
}
