package io.github.approovjaxrs.quarkus;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.core.ApproovConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How a Quarkus application registers the feature: one {@code @Provider} in its own code (Quarkus REST finds
 * providers by indexing the application at build time), configured from Quarkus's configuration when Quarkus starts.
 * Built into this module's example profile only; the conformance profiles register their scenario's feature.
 */
@IfBuildProperty(name = "approov.example", stringValue = "true")
// snippet:quarkus-register
@Provider
public class ApproovRegistration implements Feature, DynamicFeature {

    /** APPROOV_* read from Quarkus's configuration: application.properties, the environment, system properties. */
    private final ApproovFeature approov = ApproovFeature.create(ApproovConfig.fromEnvironment(
            name -> ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null)));

    @Override
    public boolean configure(FeatureContext context) {
        return approov.configure(context);
    }

    /** Quarkus REST ignores a DynamicFeature that a Feature registers: the endpoints' requirements go here. */
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        approov.endpoints().configure(resource, context);
    }
}
// end-snippet
