package io.github.approovjaxrs.quarkus;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.ApproovSigned;
import io.github.approovjaxrs.core.ApproovClaims;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The Quarkus example's resource: claims read in a resource, and signed endpoints, blocking or not. */
@Path("quarkus-orders")
public class Orders {

    // snippet:quarkus-claims
    @GET
    @ApproovProtected
    public String device(@Context ContainerRequestContext request) {
        return ApproovFeature.claims(request).flatMap(ApproovClaims::deviceId).orElse("unknown");
    }
    // end-snippet

    // snippet:quarkus-blocking
    /** Signed, with a body: @Blocking, so that the filter may read the body to check its digest. */
    @POST
    @ApproovSigned
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Uni<String> order(String body) {
        return Uni.createFrom().item("ordered " + body.length() + " bytes");
    }
    // end-snippet

    /** The same without {@code @Blocking}: Quarkus REST runs the filters on its event loop. */
    @POST
    @Path("non-blocking")
    @ApproovSigned
    @Consumes(MediaType.WILDCARD)
    public Uni<String> nonBlockingOrder(String body) {
        return Uni.createFrom().item("ordered " + body.length() + " bytes");
    }

    /** A reactive endpoint with a token check only. */
    @GET
    @Path("reactive")
    @ApproovProtected
    public Uni<String> reactive() {
        return Uni.createFrom().item("reactive");
    }
}
