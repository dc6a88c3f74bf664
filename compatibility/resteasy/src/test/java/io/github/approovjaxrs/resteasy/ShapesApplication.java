package io.github.approovjaxrs.resteasy;

import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The walkthrough's RESTEasy example: the feature listed by class, claims read through the servlet request. */
// snippet:resteasy-application
public class ShapesApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        // ApproovFeature's no-argument constructor reads APPROOV_BASE64_SECRET and the other APPROOV_* settings.
        return Set.of(Shapes.class, ApproovFeature.class);
    }
}
// end-snippet
