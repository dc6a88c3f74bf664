package io.github.approovjaxrs.docs.original;

// snippet:original-server
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.glassfish.jersey.server.ResourceConfig;

/** The Shapes API of Approov's walkthroughs: a greeting, a random shape, a random form. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ShapesApi {

    private static final List<String> SHAPES = List.of("Circle", "Triangle", "Square", "Rectangle");
    private static final List<String> FORMS = List.of("Sphere", "Cone", "Cube", "Box");

    /** The application to deploy. */
    public static ResourceConfig application() {
        return new ResourceConfig(ShapesApi.class);
    }

    /** Open to every client. */
    @GET
    @Path("hello")
    public String hello() {
        return "{\"text\":\"Hello, World!\"}";
    }

    /** A random shape. */
    @GET
    @Path("shapes")
    public String shapes() {
        return "{\"shape\":\"" + randomOf(SHAPES) + "\"}";
    }

    /** A random form. */
    @GET
    @Path("forms")
    public String forms() {
        return "{\"form\":\"" + randomOf(FORMS) + "\"}";
    }

    private static String randomOf(List<String> names) {
        return names.get(ThreadLocalRandom.current().nextInt(names.size()));
    }
}
// end-snippet
