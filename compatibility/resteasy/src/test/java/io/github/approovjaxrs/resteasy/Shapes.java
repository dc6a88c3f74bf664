package io.github.approovjaxrs.resteasy;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.core.ApproovClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

/** The example's resource. */
@Path("shapes")
public class Shapes {
    // snippet:resteasy-claims
    @GET
    @ApproovProtected
    public String shape(@Context HttpServletRequest request) {
        String device = ApproovFeature.claims(request::getAttribute).flatMap(ApproovClaims::deviceId).orElse("unknown");
        return "{\"shape\":\"Circle\",\"device\":\"" + device + "\"}";
    }
    // end-snippet
}
