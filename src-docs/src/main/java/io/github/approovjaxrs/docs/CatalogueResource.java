package io.github.approovjaxrs.docs;

// snippet:protect-class
import io.github.approovjaxrs.ApproovProtected;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Every method of this resource needs a valid Approov token. */
@Path("catalogue")
@Produces(MediaType.APPLICATION_JSON)
@ApproovProtected
public class CatalogueResource {

    /** The shapes on offer. */
    @GET
    @Path("shapes")
    public String shapes() {
        return "[\"Circle\",\"Triangle\",\"Square\",\"Rectangle\"]";
    }

    /** The forms on offer. */
    @GET
    @Path("forms")
    public String forms() {
        return "[\"Sphere\",\"Cone\",\"Cube\",\"Box\"]";
    }
}
// end-snippet
