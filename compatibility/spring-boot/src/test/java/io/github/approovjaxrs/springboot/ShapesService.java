package io.github.approovjaxrs.springboot;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.core.ApproovClaims;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Configuration;

/** The walkthrough's Spring Boot example: spring-boot-starter-jersey serves the ResourceConfig bean. */
@SpringBootApplication
public class ShapesService {

    /**
     * The Jersey configuration: a {@code @Configuration} class, so Spring hands Jersey a proxy subclass of it,
     * and its global binding must be read through the proxy.
     */
    // snippet:spring-boot-config
    @Configuration
    @ApproovBound
    public static class JerseyConfig extends ResourceConfig {
        public JerseyConfig() {
            register(Shapes.class);
            register(ApproovFeature.fromEnvironment());
        }
    }
    // end-snippet

    /** The example's resource. */
    @Path("shapes")
    public static class Shapes {
        // snippet:spring-boot-claims
        @GET
        public String shape(@Context ContainerRequestContext request) {
            String device = ApproovFeature.claims(request).flatMap(ApproovClaims::deviceId).orElse("unknown");
            return "{\"shape\":\"Circle\",\"device\":\"" + device + "\"}";
        }
        // end-snippet
    }
}
