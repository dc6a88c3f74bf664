package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovSigned;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * The Shapes API with Approov installation message signatures, under {@code /v5} (numbered after
 * shapes.approov.io, whose {@code /v5} is its message-signing version): a request must carry a valid token
 * and, when the token holds the installation's key ({@code ipk}), the SDK's signature over the request.
 * {@code POST /v5/orders} is single-use: each signed request is taken once, and the same one again is refused.
 */
@Path("v5")
@Produces(MediaType.APPLICATION_JSON)
public class ApproovSignedResource {

    /** Application property: the largest body accepted, the library's {@code APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES}. */
    static final String MAX_BODY_BYTES_PROPERTY = ApproovSignedResource.class.getName() + ".maxBodyBytes";

    @Context
    private Configuration configuration;

    /** A random shape, as {@code /v2/shapes} answers, for a signed request. */
    @GET
    @Path("shapes")
    @ApproovSigned
    public String shapes() {
        return Shapes.randomShape();
    }

    /**
     * A random shape and the size of the body received, e.g. {@code {"shape":"Circle","bytes":17}}: any body
     * up to the configured limit, counted as it streams (413 beyond), so its digest is what was checked.
     */
    @POST
    @Path("shapes")
    @ApproovSigned
    @Consumes(MediaType.WILDCARD)
    public String postShapes(InputStream body) throws IOException {
        return Shapes.shapeWithBytes(count(body));
    }

    /**
     * Places an order, e.g. {@code 201 {"ordered":"Square","bytes":17}}: a request signed by a genuine app, taken
     * once. The same signed request again (a replay, or a client's blind re-send) gets 401 without reaching
     * here; with a shared replay store ({@code APPROOV_REPLAY_STORE_URL}), whichever server it reaches.
     */
    @POST
    @Path("orders")
    @ApproovSigned(singleUse = true)
    @Consumes(MediaType.WILDCARD)
    public Response order(InputStream body) throws IOException {
        return Response.status(Response.Status.CREATED).entity(Shapes.orderWithBytes(count(body))).build();
    }

    /** The body's size, counted as it streams, up to the configured limit (413 beyond). */
    private long count(InputStream body) throws IOException {
        int maxBodyBytes = (Integer) configuration.getProperty(MAX_BODY_BYTES_PROPERTY);
        long bytes = 0;
        byte[] buffer = new byte[8192];
        for (int read; (read = body.read(buffer)) >= 0; ) {
            bytes += read;
            if (bytes > maxBodyBytes) {
                throw new WebApplicationException(Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity("{}").build());
            }
        }
        return bytes;
    }
}
