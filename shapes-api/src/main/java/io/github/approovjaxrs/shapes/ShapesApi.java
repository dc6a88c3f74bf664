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
        return new ResourceConfig(UnprotectedResource.class, ApproovProtectedResource.class,
                ApproovSignedResource.class)
                .register(new QuickstartResource(approov.check().config()))
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
