package io.github.approovjaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Adapts a JAX-RS request to {@link ApproovVerifier} and applies the policy: abort with the failure
 * response, or let the request go on in monitor mode. Three name-bound subclasses exist, one per annotation;
 * when several apply to one request (say {@code @ApproovProtected} on the class, {@code @ApproovBound} and
 * {@code @ApproovSigned} on a method) the first to run does the whole check the method needs (which
 * {@link ProtectedEndpoints} worked out once and put on the request), in the order token, binding, message
 * signature, and the others find it done, so a token is verified once and the listener hears one decision.
 */
abstract class ApproovFilter implements ContainerRequestFilter {

    /** Request property holding the verified {@link ApproovClaims}. */
    static final String CLAIMS_PROPERTY = ApproovClaims.class.getName();
    /** Request property holding this request's {@link Progress}. */
    private static final String PROGRESS_PROPERTY = ApproovFilter.class.getName() + ".progress";

    private static final System.Logger LOG = System.getLogger(ApproovFilter.class.getPackageName());

    /** Request property holding the matched method's {@link Requirements} (see {@link ProtectedEndpoints}). */
    static final String REQUIREMENTS_PROPERTY = ApproovFilter.class.getName() + ".requirements";

    /** The checks an endpoint asks for beyond the token. */
    record Requirements(boolean binding, boolean signature) {
        static final Requirements NONE = new Requirements(false, false);

        Requirements or(Requirements other) {
            return new Requirements(binding || other.binding, signature || other.signature);
        }
    }

    private final ApproovVerifier verifier;
    private final ApproovListener listener;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final Requirements ownRequirements;
    /** What annotations on the {@code Application} subclass ask of every method; read once, on first use. */
    private volatile Requirements applicationRequirements;

    @Context
    private Application application;

    ApproovFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
            ApproovFailureResponder failureResponder, boolean bindingByThisFilter, boolean signatureByThisFilter) {
        this.verifier = verifier;
        this.listener = listener;
        this.bindingExtractor = bindingExtractor;
        this.failureResponder = failureResponder;
        this.ownRequirements = new Requirements(bindingByThisFilter, signatureByThisFilter);
    }

    /** What has been decided for one request so far. */
    private static final class Progress {
        ApproovClaims claims;
        boolean tokenFailed;
        boolean laterCheckFailed;
        boolean bindingDone;
        boolean signatureDone;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            Progress progress = (Progress) request.getProperty(PROGRESS_PROPERTY);
            if (progress == null) {
                progress = new Progress();
                request.setProperty(PROGRESS_PROPERTY, progress);
                checkToken(request, progress, ownRequirements.or(requirementsOf(request)).or(applicationRequirements()));
            } else {
                // Each annotation's check runs whatever the first filter was told: do what it left undone.
                Requirements left = new Requirements(ownRequirements.binding() && !progress.bindingDone,
                        ownRequirements.signature() && !progress.signatureDone);
                if (left.binding() || left.signature()) {
                    checkAfterToken(request, progress, left);
                }
            }
        } catch (RuntimeException unexpected) {
            // Fail closed and never 5xx; the exception's message may quote request data, so log its type only.
            LOG.log(System.Logger.Level.WARNING, () -> "Approov filter failed unexpectedly ("
                    + unexpected.getClass().getName() + "); request refused");
            request.removeProperty(CLAIMS_PROPERTY);
            request.abortWith(respond(ApproovFailure.VERIFICATION_ERROR, request));
        }
    }

    private void checkToken(ContainerRequestContext request, Progress progress, Requirements required) {
        ApproovVerdict verdict = verifier.verify(request.getHeaders().get(verifier.config().tokenHeaderName()));
        if (verdict instanceof ApproovVerdict.Rejected rejected) {
            progress.tokenFailed = true;
            if (!refuse(request, rejected.reason())) {
                checkAfterToken(request, progress, required); // monitor mode: reports the checks skipped
            }
            return;
        }
        progress.claims = verdict.claims().orElseThrow();
        checkAfterToken(request, progress, required);
    }

    /**
     * The binding and message-signature checks, in that order, on the token's claims. Without verified
     * claims (the token failed in monitor mode) neither can be judged: no {@code pay} or {@code ipk} is
     * trusted, so both are reported as not checked.
     */
    private void checkAfterToken(ContainerRequestContext request, Progress progress, Requirements required) {
        String method = request.getMethod();
        String path = path(request);
        if (progress.tokenFailed) {
            if (required.binding() && !progress.bindingDone) {
                progress.bindingDone = true;
                notify(() -> listener.bindingNotChecked(method, path));
            }
            if (required.signature() && !progress.signatureDone) {
                progress.signatureDone = true;
                notify(() -> listener.messageSignatureNotChecked(method, path));
            }
            return;
        }
        if (required.binding()) {
            progress.bindingDone = true;
            ApproovFailure failure = verifier.checkBinding(progress.claims, bindingExtractor.bindingValues(request));
            if (failure != null) {
                progress.laterCheckFailed = true;
                if (refuse(request, failure)) {
                    return;
                }
            }
        }
        if (required.signature()) {
            progress.signatureDone = true;
            ApproovVerdict verdict = verifier.checkMessageSignature(progress.claims, signedRequest(request));
            if (verdict instanceof ApproovVerdict.Rejected rejected) {
                progress.laterCheckFailed = true;
                if (refuse(request, rejected.reason())) {
                    return;
                }
            } else {
                progress.claims = verdict.claims().orElseThrow();
            }
        }
        if (progress.laterCheckFailed) {
            // Claims are only ever exposed for requests that passed every check of their endpoint.
            request.removeProperty(CLAIMS_PROPERTY);
        } else {
            accept(request, progress.claims);
        }
    }

    /**
     * The request as the message-signature check reads it: the raw request URI the container saw (path
     * and query undecoded), every header line, and the entity stream, read only if a digest needs it.
     */
    private static ApproovRequest signedRequest(ContainerRequestContext request) {
        return ApproovRequest.builder()
                .method(request.getMethod())
                .target(request.getUriInfo().getRequestUri())
                .headers(name -> request.getHeaders().get(name))
                .body(limit -> readBounded(request, limit))
                .build();
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

    private void accept(ContainerRequestContext request, ApproovClaims claims) {
        request.setProperty(CLAIMS_PROPERTY, claims);
        String method = request.getMethod();
        String path = path(request);
        notify(() -> listener.accepted(method, path, claims));
    }

    /** Reports the failure; aborts and returns true unless monitor mode lets the request go on. */
    private boolean refuse(ContainerRequestContext request, ApproovFailure failure) {
        boolean enforced = failure.isEnforcedBy(verifier.config());
        String method = request.getMethod();
        String path = path(request);
        notify(() -> listener.rejected(method, path, failure, enforced));
        if (enforced) {
            request.abortWith(respond(failure, request));
        }
        return enforced;
    }

    private Response respond(ApproovFailure failure, ContainerRequestContext request) {
        try {
            Response custom = failureResponder.respond(failure, request);
            if (custom != null) {
                return custom;
            }
            LOG.log(System.Logger.Level.WARNING, "Approov failure responder returned null; sending 401");
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, () -> "Approov failure responder threw "
                    + broken.getClass().getName() + "; sending 401");
        }
        return ApproovFailureResponder.UNAUTHORIZED.respond(failure, request);
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, () -> "Approov listener threw " + broken.getClass().getName()
                    + "; ignored");
        }
    }

    /**
     * What the matched resource method and its class ask for beyond the token ({@link ApproovBound},
     * {@link ApproovSigned}), so that the first filter to run does every check: put on the request by
     * {@link ProtectedEndpoints} just before this filter runs.
     */
    private static Requirements requirementsOf(ContainerRequestContext request) {
        return request.getProperty(REQUIREMENTS_PROPERTY) instanceof Requirements requirements ? requirements
                : Requirements.NONE;
    }

    /** What the annotations on the {@code Application} subclass (global bindings) ask of every method. */
    private Requirements applicationRequirements() {
        Requirements known = applicationRequirements;
        if (known == null) {
            Class<?> app = application == null ? null : application.getClass();
            known = app == null ? Requirements.NONE
                    : new Requirements(app.isAnnotationPresent(ApproovBound.class), app.isAnnotationPresent(ApproovSigned.class));
            applicationRequirements = known;
        }
        return known;
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    /** Bound to {@link ApproovProtected}: the token check. */
    @ApproovProtected
    static final class TokenFilter extends ApproovFilter {
        TokenFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder) {
            super(verifier, listener, bindingExtractor, failureResponder, false, false);
        }
    }

    /** Bound to {@link ApproovBound}: the token check, then the binding check. */
    @ApproovBound
    static final class BoundFilter extends ApproovFilter {
        BoundFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder) {
            super(verifier, listener, bindingExtractor, failureResponder, true, false);
        }
    }

    /** Bound to {@link ApproovSigned}: the token check, then the message-signature check. */
    @ApproovSigned
    static final class SignedFilter extends ApproovFilter {
        SignedFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder) {
            super(verifier, listener, bindingExtractor, failureResponder, false, true);
        }
    }
}
