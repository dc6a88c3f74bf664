package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovSigned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Every method single-use, by the class's annotation; the method's own {@code @ApproovSigned} says no more. */
@Path("single-use")
@ApproovSigned(singleUse = true)
public class SingleUseClass {
    @GET
    @ApproovSigned
    public String get() {
        return Seen.CLAIMS;
    }
}
