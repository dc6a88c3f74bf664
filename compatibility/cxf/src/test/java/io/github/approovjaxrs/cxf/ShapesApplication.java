package io.github.approovjaxrs.cxf;

import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The walkthrough's Apache CXF example: the feature as a singleton, claims read through the servlet request. */
@SuppressWarnings("deprecation") // getSingletons: the configured feature, an instance
// snippet:cxf-application
public class ShapesApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(Shapes.class);
    }

    @Override
    public Set<Object> getSingletons() {
        return Set.of(ApproovFeature.fromEnvironment());
    }
}
// end-snippet
