package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The same API once Approov protects it, under {@code /v2}: one annotation per endpoint. A refused request
 * gets {@code 401} with body {@code {}} from the library; these methods run only for accepted ones.
 */
@Path("v2")
@Produces(MediaType.APPLICATION_JSON)
public class ApproovProtectedResource {

    /** Stays open, as in the walkthroughs: {@code {"text":"Hello, World!"}}. */
    @GET
    @Path("hello")
    public String hello() {
        return Shapes.hello();
    }

    /** A random shape, only for a request with a valid Approov token. */
    @GET
    @Path("shapes")
    @ApproovProtected
    public String shapes() {
        return Shapes.randomShape();
    }

    /**
     * A random form, only for a request whose valid Approov token is also bound to its {@code Authorization}
     * header (the token's {@code pay} claim), so a token lifted from one user's session fails for another.
     */
    @GET
    @Path("forms")
    @ApproovBound
    public String forms() {
        return Shapes.randomForm();
    }
}
