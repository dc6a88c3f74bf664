package io.github.approovjaxrs.cxf;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.core.ApproovClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.util.Optional;

/** The example's resource. */
@Path("shapes")
public class Shapes {
    // snippet:cxf-claims
    @GET
    @ApproovProtected
    public String shape(@Context HttpServletRequest request) {
        Optional<ApproovClaims> claims = ApproovFeature.claims(request::getAttribute);
        return "{\"shape\":\"Circle\",\"device\":\"" + claims.flatMap(ApproovClaims::deviceId).orElse("unknown") + "\"}";
    }
    // end-snippet
}
