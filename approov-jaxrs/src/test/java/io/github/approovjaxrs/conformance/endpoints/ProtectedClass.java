package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.ApproovSigned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@link ApproovProtected} on the class, more on some of its methods. */
@Path("protected-class")
@ApproovProtected
public class ProtectedClass {
    @GET
    public String get() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("bound")
    @ApproovBound
    public String bound() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("signed")
    @ApproovSigned
    public String signed() {
        return Seen.CLAIMS;
    }
}
