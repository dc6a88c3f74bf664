package io.github.approovjaxrs.dropwizard;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.core.ApproovClaims;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/** The example's resource: Dropwizard's Jersey injects the request context into it. */
@Path("shapes")
public class Shapes {
    // snippet:dropwizard-claims
    @GET
    @ApproovProtected
    public String shape(@Context ContainerRequestContext request) {
        String device = ApproovFeature.claims(request).flatMap(ApproovClaims::deviceId).orElse("unknown");
        return "{\"shape\":\"Circle\",\"device\":\"" + device + "\"}";
    }
    // end-snippet
}
