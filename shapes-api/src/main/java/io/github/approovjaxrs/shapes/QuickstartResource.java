package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.core.ApproovConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The endpoints of Approov's current backend quickstarts (Java Spring, Node, Go, Python and others, 2025-26),
 * so that their test harness, a bash script driving {@code curl} and the {@code approov} CLI, runs against this
 * demo unchanged: {@code /unprotected}, {@code /token-check}, {@code /token-binding} (bound to
 * {@code Authorization}), {@code /token-double-binding} (bound to {@code Authorization} then
 * {@code Content-Digest}, as the Java quickstart's harness binds it) and {@code /approov-state}.
 *
 * <p>The state is read-only: it reports the configuration, and nothing turns the check off at run time (some
 * quickstarts serve unauthenticated {@code POST /approov/enable|disable} switches; anyone could call them).
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class QuickstartResource {

    /** The application property holding {@code /approov-state}'s answer, worked out once by {@link #state}. */
    static final String STATE_PROPERTY = QuickstartResource.class.getName() + ".state";

    @Context
    private Configuration configuration;

    /** What {@code /approov-state} answers for a server configured with {@code config}. */
    static String state(ApproovConfig config) {
        // Enforced, not merely checked: in monitor mode the harness must expect every request to pass.
        boolean approovEnabled = config.abortOnInvalidToken();
        boolean tokenBindingEnabled = approovEnabled && config.abortOnInvalidBinding();
        return "{\"approovEnabled\":" + approovEnabled + ",\"tokenBindingEnabled\":" + tokenBindingEnabled + "}";
    }

    /**
     * {@code {"approovEnabled":true,"tokenBindingEnabled":true}}: whether tokens, and token bindings, are enforced
     * ({@code false} in monitor mode, where failures are only logged).
     */
    @GET
    @Path("approov-state")
    public String approovState() {
        return (String) configuration.getProperty(STATE_PROPERTY);
    }

    /** Open to any client. */
    @GET
    @Path("unprotected")
    public String unprotected() {
        return message("Unprotected endpoint: no Approov check.");
    }

    /** Only for a request with a valid Approov token. */
    @GET
    @Path("token-check")
    @ApproovProtected
    public String tokenCheck() {
        return message("Approov token checked.");
    }

    /** Only for a valid token bound to the request's {@code Authorization} header. */
    @GET
    @Path("token-binding")
    @ApproovBound("Authorization")
    public String tokenBinding() {
        return message("Approov token bound to Authorization.");
    }

    /**
     * Only for a valid token bound to {@code Authorization} and {@code Content-Digest}: {@code pay} is
     * base64(SHA-256) of the two values concatenated in this order, as
     * {@code approov token -setDataHashInToken "<Authorization><Content-Digest>"} mints it.
     */
    @GET
    @Path("token-double-binding")
    @ApproovBound({"Authorization", "Content-Digest"})
    public String tokenDoubleBinding() {
        return message("Approov token bound to Authorization and Content-Digest.");
    }

    private static String message(String text) {
        return "{\"message\":\"" + text + "\"}";
    }
}
