package io.github.approovjaxrs.conformance;

import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers the feature of the scenario the running test profile names, as a Quarkus application registers
 * {@code ApproovFeature}: a {@code @Provider} that is a {@link Feature} (the filters, configured when Quarkus starts,
 * not at build time) and a {@link DynamicFeature} (what each endpoint requires: Quarkus REST ignores the one the
 * feature registers itself).
 */
@Provider
@UnlessBuildProperty(name = "approov.example", stringValue = "true", enableIfMissing = true)
public class ScenarioFeature implements Feature, DynamicFeature {

    /** The configuration property naming the scenario. */
    static final String SCENARIO = "approov.conformance.scenario";

    @Override
    public boolean configure(FeatureContext context) {
        return scenario().feature().configure(context);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        scenario().feature().endpoints().configure(resource, context);
    }

    private static Scenario scenario() {
        return Scenario.valueOf(ConfigProvider.getConfig().getValue(SCENARIO, String.class));
    }
}
