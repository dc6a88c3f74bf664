package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.ApproovSigned;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;

/**
 * {@link ApproovSigned} endpoints: a GET, a POST whose body the resource reads, a path parameter, all three
 * annotations, a POST bound to its {@code Authorization} and {@code Content-Digest}, which its signature covers, and
 * a single-use POST (an order: each signed request accepted once).
 */
@Path("signed")
public class SignedResource {
    @GET
    @ApproovSigned
    public String get() {
        return Seen.CLAIMS;
    }

    @POST
    @ApproovSigned
    @Consumes(MediaType.WILDCARD)
    public String post(byte[] body) {
        return Seen.CLAIMS + " body:" + new String(body, StandardCharsets.UTF_8);
    }

    @GET
    @Path("items/{id}")
    @ApproovSigned
    public String item(@PathParam("id") String id) {
        return Seen.CLAIMS + " id:" + id;
    }

    @GET
    @Path("all")
    @ApproovProtected
    @ApproovBound
    @ApproovSigned
    public String all() {
        return Seen.CLAIMS;
    }

    /** An order: each signed request is accepted once, the same again refused as a replay. */
    @POST
    @Path("orders")
    @ApproovSigned(singleUse = true)
    @Consumes(MediaType.WILDCARD)
    public String order(byte[] body) {
        return Seen.CLAIMS + " order:" + new String(body, StandardCharsets.UTF_8);
    }

    @POST
    @Path("double-bound")
    @ApproovSigned
    @ApproovBound({"Authorization", "Content-Digest"})
    @Consumes(MediaType.WILDCARD)
    public String doubleBound(byte[] body) {
        return Seen.CLAIMS + " body:" + new String(body, StandardCharsets.UTF_8);
    }
}
