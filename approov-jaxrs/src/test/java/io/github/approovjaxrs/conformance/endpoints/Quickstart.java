package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Approov's quickstart endpoints as {@code @ApproovBound} names their headers: one header, two headers in order
 * (Approov's {@code /token-double-binding}), none (the configured ones), and two beside {@code @ApproovProtected}.
 */
@Path("quickstart")
public class Quickstart {
    @GET
    @Path("token-binding")
    @ApproovBound("Authorization")
    public String tokenBinding() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("token-double-binding")
    @ApproovBound({"Authorization", "Content-Digest"})
    public String tokenDoubleBinding() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("configured")
    @ApproovBound
    public String configured() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("protected-and-double-bound")
    @ApproovProtected
    @ApproovBound({"Authorization", "Content-Digest"})
    public String protectedAndDoubleBound() {
        return Seen.CLAIMS;
    }
}
