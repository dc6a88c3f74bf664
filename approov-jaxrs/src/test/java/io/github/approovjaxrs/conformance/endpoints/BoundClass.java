package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@link ApproovBound} on the class. */
@Path("bound-class")
@ApproovBound
public class BoundClass {
    @GET
    public String get() {
        return Seen.CLAIMS;
    }
}
