package io.github.approovjaxrs.conformance.endpoints;

import io.github.approovjaxrs.ApproovFeature;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes what the request carried out of the Approov check into the answer: a resource returns
 * {@link #CLAIMS} in its text and this filter puts the claims there, read with
 * {@link ApproovFeature#claims(jakarta.ws.rs.container.ContainerRequestContext)}.
 *
 * <p>Why a response filter rather than the resource: Jakarta REST gives filters the request context on every
 * runtime, but resources only where the runtime chooses to inject it (RESTEasy answers 500 for
 * {@code @Context ContainerRequestContext} in a resource, Apache CXF injects null), so the suite reads the request
 * property where every runtime exposes it. How a resource reads the claims on each runtime is tested in that
 * runtime's module.
 */
@Provider
public class Seen implements ContainerResponseFilter {

    /** Stands in a resource's answer for what the request carried: replaced by {@link #describe}. */
    public static final String CLAIMS = "{claims}";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof String text && text.contains(CLAIMS)) {
            response.setEntity(text.replace(CLAIMS, describe(request)));
        }
    }

    /**
     * The claim names in order, the device id when there is one, and {@code signed by} the labels of the message
     * signatures verified when the request was message-signed: {@code claims:exp,iat,did,ip did=device-1},
     * {@code claims:exp,iat,did,ip,ipk did=device-1 signed by install}, or {@code no claims}.
     */
    static String describe(ContainerRequestContext request) {
        return ApproovFeature.claims(request)
                .map(c -> "claims:" + String.join(",", c.asMap().keySet()) + c.deviceId().map(d -> " did=" + d).orElse("")
                        + (c.isMessageSigned() ? " signed by " + String.join(" and ", c.verifiedMessageSignatures()) : ""))
                .orElse("no claims");
    }
}
