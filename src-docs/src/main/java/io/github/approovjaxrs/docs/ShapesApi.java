package io.github.approovjaxrs.docs;

// snippet:protected-server
import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
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
        return new ResourceConfig(ShapesApi.class)
                .register(ApproovFeature.fromEnvironment()); // APPROOV_BASE64_SECRET, or start-up fails
    }

    /** Open to every client. */
    @GET
    @Path("hello")
    public String hello() {
        return "{\"text\":\"Hello, World!\"}";
    }

    // snippet:protect-method
    /** A random shape, only for a genuine app: a valid Approov token. */
    @GET
    @Path("shapes")
    @ApproovProtected
    public String shapes() {
        return "{\"shape\":\"" + randomOf(SHAPES) + "\"}";
    }
    // end-snippet

    // snippet:bind-method
    /** A random form, only for a genuine app whose token is bound to this request's Authorization. */
    @GET
    @Path("forms")
    @ApproovBound
    public String forms() {
        return "{\"form\":\"" + randomOf(FORMS) + "\"}";
    }
    // end-snippet

    private static String randomOf(List<String> names) {
        return names.get(ThreadLocalRandom.current().nextInt(names.size()));
    }
}
// end-snippet
