package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAX-RS adapter of {@link ApproovCheck}: maps the request to an {@link ApproovRequest}, the endpoint's
 * annotations to {@link ApproovRequirements}, and the {@link ApproovDecision} to the request's fate (claims
 * on the request, an aborted request, or nothing in monitor mode). Nothing is judged here.
 *
 * <p>Three name-bound subclasses exist, one per annotation; when several apply to one request (say
 * {@code @ApproovProtected} on the class, {@code @ApproovBound} and {@code @ApproovSigned} on a method) the
 * first to run asks the check for everything the method needs (which {@link ProtectedEndpoints} worked out
 * once and put on the request), and the others find the request decided, so a token is verified once and the
 * listeners hear one decision.
 */
abstract class ApproovFilter implements ContainerRequestFilter {

    /** Request property holding the verified {@link ApproovClaims}. */
    static final String CLAIMS_PROPERTY = ApproovFeature.CLAIMS_PROPERTY;
    /** Request property holding the {@link ApproovRequirements} the request was decided for. */
    private static final String DECIDED_PROPERTY = ApproovFilter.class.getName() + ".decided";
    /** Request property holding the matched method's {@link ApproovRequirements} (see {@link ProtectedEndpoints}). */
    static final String REQUIREMENTS_PROPERTY = ApproovFilter.class.getName() + ".requirements";

    private final ApproovCheck check;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final ApproovRequirements ownRequirements;
    /** What annotations on the {@code Application} subclass ask of every method; shared by the three filters. */
    private final ApplicationRequirements applicationRequirements;

    @Context
    private Application application;

    ApproovFilter(ApproovCheck check, ApproovBindingExtractor bindingExtractor,
            ApproovFailureResponder failureResponder, ApplicationRequirements applicationRequirements,
            ApproovRequirements ownRequirements) {
        this.check = check;
        this.applicationRequirements = applicationRequirements;
        this.bindingExtractor = bindingExtractor;
        this.failureResponder = failureResponder;
        this.ownRequirements = ownRequirements;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ApproovRequirements requirements;
        try {
            if (request.getProperty(DECIDED_PROPERTY) instanceof ApproovRequirements decided) {
                requirements = decided.and(ownRequirements);
                if (requirements.equals(decided)) {
                    return;
                }
                // Only when the container ran a filter without the method's requirements on the request (no
                // marker): judge again with this annotation's too, rather than let a check go undone.
            } else {
                // The method's (and its class's) first: the most specific binding headers win.
                requirements = requirementsOf(request).and(ownRequirements).and(applicationRequirements.of(application));
            }
        } catch (IllegalArgumentException badHeaders) {
            // @ApproovBound on the Application names a header twice or no header (logged once): fail closed.
            request.abortWith(respond(new ApproovDecision.Refused(ApproovFailure.VERIFICATION_ERROR), request));
            return;
        }
        request.setProperty(DECIDED_PROPERTY, requirements);
        ApproovDecision decision;
        try {
            decision = check.decide(toApproovRequest(request), requirements);
        } catch (RuntimeException unexpected) {
            // The check itself never throws; building the request from the container's data might.
            decision = new ApproovDecision.Refused(ApproovFailure.VERIFICATION_ERROR);
        }
        if (decision instanceof ApproovDecision.Accepted accepted) {
            request.setProperty(CLAIMS_PROPERTY, accepted.claims());
        } else if (decision instanceof ApproovDecision.Refused refused) {
            request.removeProperty(CLAIMS_PROPERTY);
            request.abortWith(respond(refused, request));
        } else {
            request.removeProperty(CLAIMS_PROPERTY);
        }
    }

    /**
     * The request as the check reads it: the raw request URI the container saw (path and query undecoded),
     * every header line, the entity stream (read only if a digest needs it), and the bound value when a
     * custom extractor finds it.
     */
    private ApproovRequest toApproovRequest(ContainerRequestContext request) {
        ApproovRequest.Builder builder = ApproovRequest.builder()
                .method(request.getMethod())
                .target(request.getUriInfo().getRequestUri())
                .headers(name -> request.getHeaders().get(name))
                .body(limit -> readBounded(request, limit));
        if (bindingExtractor != null) {
            builder.bindingValues(() -> bindingExtractor.bindingValues(request));
        }
        return builder.build();
    }

    /**
     * At most {@code limit + 1} bytes of the entity, then the entity restored for the resource: the bytes
     * read followed by whatever was not (only when over the limit, in monitor mode, is there any). Memory
     * stays bounded whatever the client sends.
     */
    private static byte[] readBounded(ContainerRequestContext request, int limit) throws IOException {
        InputStream entity = request.getEntityStream();
        byte[] head = entity.readNBytes(limit + 1);
        request.setEntityStream(head.length > limit
                ? new SequenceInputStream(new ByteArrayInputStream(head), entity)
                : new ByteArrayInputStream(head));
        return head;
    }

    private Response respond(ApproovDecision.Refused refused, ContainerRequestContext request) {
        try {
            Response custom = failureResponder.respond(refused, request);
            if (custom != null) {
                return custom;
            }
            ApproovFeature.LOG.log(System.Logger.Level.WARNING, "Approov failure responder returned null; sending "
                    + refused.status());
        } catch (RuntimeException broken) {
            ApproovFeature.LOG.log(System.Logger.Level.WARNING, () -> "Approov failure responder threw "
                    + broken.getClass().getName() + "; sending " + refused.status());
        }
        return ApproovFailureResponder.DEFAULT.respond(refused, request);
    }

    /**
     * What the matched resource method and its class ask for beyond the token ({@link ApproovBound},
     * {@link ApproovSigned}), so that the first filter to run does every check: put on the request by
     * {@link ProtectedEndpoints} just before this filter runs, for every method that carries an annotation.
     * Reading the matched method per request through the injected {@code ResourceInfo} proxy would cost more
     * than the token check itself.
     */
    private static ApproovRequirements requirementsOf(ContainerRequestContext request) {
        return request.getProperty(REQUIREMENTS_PROPERTY) instanceof ApproovRequirements requirements ? requirements
                : ApproovRequirements.token();
    }

    /**
     * What the annotations on the {@code Application} subclass (global bindings) ask of every method, worked
     * out once, on the first request (the only moment the filters see the Application), for all three
     * filters, from the Application and any Application it wraps ({@link #applicationLayers}). Annotations that
     * cannot be met, such as {@code @ApproovBound} naming a header twice, are logged once and refuse every
     * protected request: fail closed.
     */
    static final class ApplicationRequirements {
        private volatile ApproovRequirements known;
        private IllegalArgumentException problem;

        /**
         * The requirements of {@code application}'s class (null: none is known); after the first request, a
         * read of one field.
         *
         * @throws IllegalArgumentException when its annotations cannot be met
         */
        ApproovRequirements of(Application application) {
            ApproovRequirements requirements = known;
            return requirements != null ? requirements : workOut(application);
        }

        private synchronized ApproovRequirements workOut(Application application) {
            if (problem != null) {
                throw problem;
            }
            if (known == null) {
                try {
                    ApproovRequirements found = ApproovRequirements.token();
                    for (Object layer : applicationLayers(application)) {
                        found = found.and(ProtectedEndpoints.requirements(layer.getClass(), null));
                    }
                    known = found;
                } catch (IllegalArgumentException badHeaders) {
                    problem = badHeaders;
                    ApproovFeature.LOG.log(System.Logger.Level.ERROR, () -> "Approov: @ApproovBound on "
                            + application.getClass().getName() + ": " + badHeaders.getMessage()
                            + " Every request to a protected endpoint is refused until it is fixed.");
                    throw badHeaders;
                }
            }
            return known;
        }
    }

    /**
     * The application the container serves, and the one it wraps when it hands filters a wrapper: Jersey does
     * when it serves a plain {@code Application} from a servlet (Spring Boot's Jersey), giving a
     * {@code ResourceConfig} whose public {@code getApplication()} returns the original, which carries the
     * annotations. Found by that method's shape, so the adapter depends on no runtime.
     */
    static List<Object> applicationLayers(Application application) {
        List<Object> layers = new ArrayList<>();
        Object layer = application;
        while (layer != null && layers.size() < 4 && !layers.contains(layer)) {
            layers.add(layer);
            try {
                Method unwrap = layer.getClass().getMethod("getApplication");
                layer = Application.class.isAssignableFrom(unwrap.getReturnType()) ? unwrap.invoke(layer) : null;
            } catch (ReflectiveOperationException | RuntimeException notAWrapper) {
                layer = null;
            }
        }
        return layers;
    }

    /** Bound to {@link ApproovProtected}: the token check. */
    @ApproovProtected
    static final class TokenFilter extends ApproovFilter {
        TokenFilter(ApproovCheck check, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder, ApplicationRequirements application) {
            super(check, bindingExtractor, failureResponder, application, ApproovRequirements.token());
        }
    }

    /** Bound to {@link ApproovBound}: the token check, then the binding check. */
    @ApproovBound
    static final class BoundFilter extends ApproovFilter {
        BoundFilter(ApproovCheck check, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder, ApplicationRequirements application) {
            super(check, bindingExtractor, failureResponder, application, ApproovRequirements.token().withBinding());
        }
    }

    /** Bound to {@link ApproovSigned}: the token check, then the message-signature check. */
    @ApproovSigned
    static final class SignedFilter extends ApproovFilter {
        SignedFilter(ApproovCheck check, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder, ApplicationRequirements application) {
            super(check, bindingExtractor, failureResponder, application, ApproovRequirements.token().withMessageSignature());
        }
    }
}
