package io.github.approovjaxrs.dropwizard;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.github.approovjaxrs.ApproovFeature;

/** The walkthrough's Dropwizard example: the feature registered with Jersey in {@code run}. */
// snippet:dropwizard-application
public class ShapesService extends Application<Configuration> {
    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(ApproovFeature.fromEnvironment());
        environment.jersey().register(Shapes.class);
    }
}
// end-snippet
