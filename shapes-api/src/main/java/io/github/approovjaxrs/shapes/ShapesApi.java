package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Shapes API as one Jersey application: its resources (the walkthroughs' {@code /v1}, {@code /v2},
 * {@code /v5}, and Approov's current quickstart endpoints) and the Approov check.
 */
final class ShapesApi {

    private ShapesApi() {
    }

    static ResourceConfig application(ApproovFeature approov) {
        return new ResourceConfig(UnprotectedResource.class, ApproovProtectedResource.class,
                ApproovSignedResource.class)
                .register(new QuickstartResource(approov.check().config()))
                .property(ApproovSignedResource.MAX_BODY_BYTES_PROPERTY, approov.check().config().maxBodyBytes())
                .register(approov)
                // Nobody needs /application.wadl here, and without JAXB Jersey would warn about it at start-up.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
