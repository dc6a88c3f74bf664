package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * Every path, to one of two forwarders that differ only in their Approov annotation, so the check itself is
 * the library's filter, bound by name: {@link TokenChecked} ({@code @ApproovProtected}) or, where the
 * {@link BindingPolicy} asks for the binding, {@link BindingChecked} ({@code @ApproovBound}). Jersey runs
 * the filter after this locator has chosen and before the forwarder's method, so a refused request gets the
 * library's 401 and is never forwarded; monitor mode, logging and listeners behave as in any application.
 *
 * <p>The forwarders answer the {@link #METHODS}; {@link BadRequestGuard} answers any other with 405 before
 * Jersey sees it: TRACE would echo the client's headers back, CONNECT is no reverse-proxy request.
 */
@Path("/")
@Singleton
public final class GatewayResource {

    /** Application property: the {@link BindingPolicy}. */
    static final String BINDING_POLICY = BindingPolicy.class.getName();
    /** Application property: the {@link Forwarding}. */
    static final String FORWARDING = Forwarding.class.getName();

    /** The methods forwarded, in the order of the {@code Allow} header of a 405. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final BindingPolicy bindingPolicy;
    private final TokenChecked tokenChecked;
    private final BindingChecked bindingChecked;

    /**
     * Jersey creates the one instance, with the policy and the forwarder that {@link Gateway#application} set
     * as application properties.
     *
     * @param application the application's configuration
     */
    public GatewayResource(@Context Configuration application) {
        this.bindingPolicy = (BindingPolicy) application.getProperty(BINDING_POLICY);
        Forwarding forwarding = (Forwarding) application.getProperty(FORWARDING);
        this.tokenChecked = new TokenChecked(forwarding);
        this.bindingChecked = new BindingChecked(forwarding);
    }

    /**
     * The forwarder whose annotation asks for the check this path needs.
     *
     * @param uri the request's URI, whose raw path decides
     */
    @Path("{path: .*}")
    public Forwarder route(@Context UriInfo uri) {
        return bindingPolicy.requiresBinding(uri.getRequestUri().getRawPath()) ? bindingChecked : tokenChecked;
    }

    /** Forwards every request of the methods it declares; subclasses add the check. */
    public abstract static class Forwarder {

        private final Forwarding forwarding;

        Forwarder(Forwarding forwarding) {
            this.forwarding = forwarding;
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

    /** Forwards requests with a valid Approov token. */
    @ApproovProtected
    public static final class TokenChecked extends Forwarder {
        TokenChecked(Forwarding forwarding) {
            super(forwarding);
        }
    }

    /** Forwards requests with a valid Approov token bound to the binding header. */
    @ApproovBound
    public static final class BindingChecked extends Forwarder {
        BindingChecked(Forwarding forwarding) {
            super(forwarding);
        }
    }
}
