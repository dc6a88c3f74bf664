package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** One method per placement of the annotations on a method, and one open method. */
@Path("methods")
public class MethodLevel {
    @GET
    @Path("open")
    public String open() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("protected")
    @ApproovProtected
    public String protectedMethod() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("bound")
    @ApproovBound
    public String bound() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("both")
    @ApproovProtected
    @ApproovBound
    public String both() {
        return Seen.CLAIMS;
    }
}
