package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovSigned;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Orders, which only a genuine app may place: message signing, where a lifted token is not enough. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    // snippet:signed-endpoint
    /** Places an order: a genuine app, and its signature on this very request when its token carries ipk. */
    @POST
    @Path("orders")
    @ApproovSigned
    @Consumes(MediaType.APPLICATION_JSON)
    public Response order(byte[] body, @Context ContainerRequestContext request) {
        // False for a token without ipk (Approov's fail-over tokens pass as token-only), and for a request
        // let through in monitor mode: take such orders, but hold them for a closer look.
        boolean signed = ApproovFeature.claims(request).map(ApproovClaims::isMessageSigned).orElse(false);
        String status = signed ? "accepted" : "held for review";
        return Response.status(Response.Status.CREATED)
                .entity("{\"status\":\"" + status + "\",\"bytes\":" + body.length + "}")
                .build();
    }
    // end-snippet

    // snippet:single-use-endpoint
    /** Pays for an order: a genuine app's signed request, taken once; the very same request again gets 401. */
    @POST
    @Path("payments")
    @ApproovSigned(singleUse = true)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pay(byte[] body) {
        return Response.status(Response.Status.CREATED).entity("{\"paid\":true,\"bytes\":" + body.length + "}").build();
    }
    // end-snippet

    // snippet:signed-and-bound
    /** One of the user's orders: a genuine app, the user's session, and the app's signature on the request. */
    @GET
    @Path("orders/{id}")
    @ApproovBound
    @ApproovSigned
    public String orderStatus(@PathParam("id") int id) {
        return "{\"id\":" + id + ",\"status\":\"accepted\"}";
    }
    // end-snippet
}
