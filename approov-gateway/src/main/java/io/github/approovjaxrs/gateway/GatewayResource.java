package io.github.approovjaxrs.gateway;

import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * Every path and every one of the {@link #METHODS}, to the {@link Forwarding}. Only requests the
 * {@link GatewayCheck} in front of Jersey passed get here; the forwarder refuses any other.
 *
 * <p>The {@link io.github.approovjaxrs.apps.MalformedRequestGuard} in front answers any other method with 405
 * before the check: TRACE would echo the client's headers back, CONNECT is no reverse-proxy request.
 */
@Path("{path: .*}")
@Singleton
public final class GatewayResource {

    /** Application property: the {@link Forwarding}. */
    static final String FORWARDING = Forwarding.class.getName();

    /** The methods forwarded, in the order of the {@code Allow} header of a 405. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final Forwarding forwarding;

    /**
     * Jersey creates the one instance, with the forwarder that {@link Gateway#application} set as an
     * application property.
     *
     * @param application the application's configuration
     */
    public GatewayResource(@Context Configuration application) {
        this.forwarding = (Forwarding) application.getProperty(FORWARDING);
    }

    /** Forwards a GET. */
    @GET
    public Response get(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards a HEAD (rather than Jersey's GET without a body). */
    @HEAD
    public Response head(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards a POST. */
    @POST
    public Response post(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards a PUT. */
    @PUT
    public Response put(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards a DELETE, with its body if it has one. */
    @DELETE
    public Response delete(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards a PATCH. */
    @PATCH
    public Response patch(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }

    /** Forwards an OPTIONS (rather than Jersey's generated answer), checked like any other method. */
    @OPTIONS
    public Response options(@Context ContainerRequestContext request, @Context Request connection) {
        return forwarding.forward(request, connection);
    }
}
