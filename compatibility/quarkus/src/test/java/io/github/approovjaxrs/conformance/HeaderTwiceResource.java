package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.ApproovBound;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * {@link Scenario.HeaderTwice} for Quarkus, which serves the resources it indexes at build time: built only into the
 * launch of {@link HeaderNamedTwiceOnQuarkusLaunchTest}, as it stops start-up.
 */
@IfBuildProperty(name = HeaderNamedTwiceOnQuarkusLaunchTest.BUILD_PROPERTY, stringValue = "true")
@Path("twice")
public class HeaderTwiceResource {
    /** Never served. */
    @GET
    @ApproovBound({"Authorization", "authorization"})
    public String get() {
        return "never";
    }
}
