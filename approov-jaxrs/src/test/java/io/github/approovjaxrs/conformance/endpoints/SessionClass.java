package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A class bound to {@code SessionId}: its plain methods use the class's header, a method may name its own. */
@Path("session-class")
@ApproovBound("SessionId")
public class SessionClass {
    @GET
    public String get() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("plain-bound")
    @ApproovBound
    public String plainBound() {
        return Seen.CLAIMS;
    }

    @GET
    @Path("own")
    @ApproovBound({"Authorization", "SessionId"})
    public String own() {
        return Seen.CLAIMS;
    }
}
