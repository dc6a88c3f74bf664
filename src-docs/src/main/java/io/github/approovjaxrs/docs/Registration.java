package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.ApproovFeature;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;

/** The two ways to register the Approov check with a Jersey application. */
final class Registration {

    private Registration() {
    }

    /** Configured from the APPROOV_* variables alone. */
    static ResourceConfig fromEnvironment() {
        // snippet:register
        ResourceConfig application = new ResourceConfig(ShapesApi.class)
                .register(ApproovFeature.fromEnvironment());
        // end-snippet
        return application;
    }

    /** Configured from the APPROOV_* variables, then in code. */
    static ResourceConfig inCode() {
        // snippet:register-in-code
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()                      // APPROOV_* from -D, the environment, .env
                .clockSkew(Duration.ofSeconds(30))      // then code: a later call wins
                .build();                               // validates everything, or throws naming the variable
        ResourceConfig application = new ResourceConfig(ShapesApi.class)
                .register(ApproovFeature.create(config));
        // end-snippet
        return application;
    }

    /** Configured from the APPROOV_* variables, with an expected audience. */
    static ApproovConfig withAudience() {
        // snippet:audience
        ApproovConfig config = ApproovConfig.builder()
                .readEnvironment()
                .expectedAudience("shapes.example.com")   // APPROOV_EXPECTED_AUDIENCE
                .build();
        // end-snippet
        return config;
    }
}
