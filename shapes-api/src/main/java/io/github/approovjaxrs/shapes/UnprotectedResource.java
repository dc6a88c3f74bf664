package io.github.approovjaxrs.shapes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The original server of Approov's walkthroughs, under {@code /v1}: open to any client, app or script. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public class UnprotectedResource {

    /** {@code {"text":"Hello, World!"}}. */
    @GET
    @Path("hello")
    public String hello() {
        return Shapes.hello();
    }

    /** A random shape, e.g. {@code {"shape":"Circle"}}. */
    @GET
    @Path("shapes")
    public String shapes() {
        return Shapes.randomShape();
    }

    /** A random form, e.g. {@code {"form":"Cube"}}. */
    @GET
    @Path("forms")
    public String forms() {
        return Shapes.randomForm();
    }
}
