package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovBound;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A bound endpoint whose session is a cookie, for a custom binding extractor. */
@Path("cookie")
public class CookieBound {
    @GET
    @ApproovBound
    public String get(@CookieParam("session") String session) {
        return Seen.CLAIMS;
    }
}
