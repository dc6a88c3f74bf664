package io.github.approovjaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * Finds the value a bound token's {@code pay} claim must hash to. The default reads the configured binding
 * headers ({@code Authorization}, or the list in {@code APPROOV_TOKEN_BINDING_HEADER_NAME}); a custom extractor
 * can bind to something else, such as a session cookie. Its value stands for the whole binding, in place of the
 * configured headers, on every {@link ApproovBound} endpoint that names no headers of its own; an endpoint that
 * names them ({@code @ApproovBound({"Authorization", "Content-Digest"})}) reads those headers.
 *
 * <p>Return every candidate value found: the check requires exactly one, non-empty (rule B2), so an empty
 * list fails as "missing" and two values fail as "duplicate".
 */
@FunctionalInterface
public interface ApproovBindingExtractor {

    /**
     * The values found in {@code request}; empty when there is none.
     *
     * @param request the request being checked
     */
    List<String> bindingValues(ContainerRequestContext request);

    /**
     * Reads every line of the header {@code name} (case-insensitive).
     *
     * @param name the header name
     */
    static ApproovBindingExtractor header(String name) {
        return request -> {
            List<String> lines = request.getHeaders().get(name);
            return lines == null ? List.of() : lines;
        };
    }
}
