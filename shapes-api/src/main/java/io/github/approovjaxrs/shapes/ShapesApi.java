package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Shapes API as one Jersey application: its resources (the walkthroughs' {@code /v1}, {@code /v2},
 * {@code /v5}, and Approov's current quickstart endpoints) and the Approov check.
 */
final class ShapesApi {

    private ShapesApi() {
    }

    /** The application; when Jersey shuts it down, the check is closed (its replay store's connections with it). */
    static ResourceConfig application(ApproovFeature approov) {
        // Resources by class, their settings as properties: an instance registered as a resource makes Jersey warn
        // at start-up that it is no provider.
        return new ResourceConfig(UnprotectedResource.class, ApproovProtectedResource.class,
                ApproovSignedResource.class, QuickstartResource.class)
                .property(QuickstartResource.STATE_PROPERTY, QuickstartResource.state(approov.check().config()))
                .property(ApproovSignedResource.MAX_BODY_BYTES_PROPERTY, approov.check().config().maxBodyBytes())
                .register(approov)
                .register(new ContainerLifecycleListener() {
                    @Override
                    public void onStartup(Container container) {
                    }

                    @Override
                    public void onReload(Container container) {
                    }

                    @Override
                    public void onShutdown(Container container) {
                        approov.check().close();
                    }
                })
                // Nobody needs /application.wadl here, and without JAXB Jersey would warn about it at start-up.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
