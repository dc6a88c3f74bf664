package io.github.approovjaxrs.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource with no Approov annotation: open, unless the application itself is protected. */
@Path("hello")
@Produces(MediaType.APPLICATION_JSON)
public class HelloResource {

    /** The greeting of Approov's walkthroughs. */
    @GET
    public String hello() {
        return "{\"text\":\"Hello, World!\"}";
    }
}
