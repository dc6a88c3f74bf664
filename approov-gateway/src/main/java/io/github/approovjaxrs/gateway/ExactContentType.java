package io.github.approovjaxrs.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.util.List;

/**
 * Puts back exactly the {@code Content-Type} the upstream sent, or none, just before a relayed response is
 * written. Left alone, Jersey picks one from the {@code Accept} header for a response that has none (and for
 * every answer to HEAD), and refuses to write one it cannot parse; a proxy must do neither. Responses the
 * gateway makes itself (401, 502, 504) carry no remembered type and are left as they are.
 */
final class ExactContentType implements ContainerResponseFilter, WriterInterceptor {

    /** Request property: the upstream's Content-Type lines, as a {@code List<String>}, empty for none. */
    private static final String PROPERTY = ExactContentType.class.getName();

    /** Remembers the upstream's Content-Type lines for the response to {@code request}. */
    static void remember(ContainerRequestContext request, List<String> contentType) {
        request.setProperty(PROPERTY, List.copyOf(contentType));
    }

    /** Without a body no writer runs, so the headers are set here, after Jersey's own choice. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.hasEntity()) {
            restore(response.getHeaders(), request.getProperty(PROPERTY));
        }
    }

    /** With a body, only here: Jersey has chosen its writer, with a type it could parse; the headers go next. */
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        restore(context.getHeaders(), context.getProperty(PROPERTY));
        context.proceed();
    }

    private static void restore(MultivaluedMap<String, Object> headers, Object remembered) {
        if (remembered instanceof List<?> lines) {
            headers.remove(HttpHeaders.CONTENT_TYPE);
            for (Object line : lines) {
                headers.add(HttpHeaders.CONTENT_TYPE, line);
            }
        }
    }
}
