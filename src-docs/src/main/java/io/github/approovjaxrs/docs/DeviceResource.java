package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Reads the claims of the verified Approov token. */
@Path("device")
@Produces(MediaType.TEXT_PLAIN)
public class DeviceResource {

    // snippet:read-claims
    /** Greets the device the Approov token was issued to. */
    @GET
    @ApproovProtected
    public String greet(@Context ContainerRequestContext request) {
        // Claims are present whenever the request passed the check; in monitor mode a request that
        // failed goes on without them.
        return ApproovFeature.claims(request)
                .flatMap(ApproovClaims::deviceId)          // the token's "did" claim
                .map(deviceId -> "Hello, device " + deviceId)
                .orElse("Hello, unverified device");
    }
    // end-snippet

    // snippet:read-any-claim
    /** When the token expires, and which claims it carries. */
    @GET
    @Path("token")
    @ApproovProtected
    public String token(@Context ContainerRequestContext request) {
        return ApproovFeature.claims(request)
                .map(claims -> "expires " + claims.expiresAt()                    // exp, as an Instant
                        + ", claims " + claims.asMap().keySet()                    // e.g. [exp, iat, did, ip]
                        + ", issuer " + claims.stringClaim("iss").orElse("none"))  // any claim, by name
                .orElse("no verified token");
    }
    // end-snippet
}
