package io.github.approovjaxrs.docs;

// snippet:protect-application
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import org.glassfish.jersey.server.ResourceConfig;

/** Every resource of this application needs a valid Approov token, annotated or not. */
@ApproovProtected
public class ShapesApplication extends ResourceConfig {

    /** For deployment: the configuration comes from the APPROOV_* variables. */
    public ShapesApplication() {
        this(ApproovConfig.fromEnvironment());
    }

    /** For tests, or configuration built in code. */
    public ShapesApplication(ApproovConfig approov) {
        register(HelloResource.class);
        register(CatalogueResource.class);
        register(ApproovFeature.create(approov));
    }
}
// end-snippet
