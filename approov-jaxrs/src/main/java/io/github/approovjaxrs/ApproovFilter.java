package io.github.approovjaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapts a JAX-RS request to {@link ApproovVerifier} and applies the policy: abort with the failure
 * response, or let the request go on in monitor mode. Two name-bound subclasses exist, one per annotation;
 * when both apply to one request (say {@code @ApproovProtected} on the class, {@code @ApproovBound} on a
 * method) the first to run does the whole check and the second finds it done, so a token is verified once
 * and the listener hears one decision.
 */
abstract class ApproovFilter implements ContainerRequestFilter {

    /** Request property holding the verified {@link ApproovClaims}. */
    static final String CLAIMS_PROPERTY = ApproovClaims.class.getName();
    /** Request property holding this request's {@link Progress}. */
    private static final String PROGRESS_PROPERTY = ApproovFilter.class.getName() + ".progress";

    private static final System.Logger LOG = System.getLogger(ApproovFilter.class.getPackageName());

    private final ApproovVerifier verifier;
    private final ApproovListener listener;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final boolean bindingByThisFilter;
    private final Map<Method, Boolean> bindingRequiredByMethod = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resourceInfo;
    @Context
    private Application application;

    ApproovFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
            ApproovFailureResponder failureResponder, boolean bindingByThisFilter) {
        this.verifier = verifier;
        this.listener = listener;
        this.bindingExtractor = bindingExtractor;
        this.failureResponder = failureResponder;
        this.bindingByThisFilter = bindingByThisFilter;
    }

    /** What has been decided for one request so far. */
    private static final class Progress {
        ApproovClaims tokenClaims;
        boolean tokenFailed;
        boolean bindingDone;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            Progress progress = (Progress) request.getProperty(PROGRESS_PROPERTY);
            if (progress == null) {
                progress = new Progress();
                request.setProperty(PROGRESS_PROPERTY, progress);
                checkToken(request, progress, bindingByThisFilter || bindingRequiredByAnnotations());
            } else if (bindingByThisFilter && !progress.bindingDone) {
                // An @ApproovProtected filter ran first without knowing binding is also required.
                checkBinding(request, progress);
            }
        } catch (RuntimeException unexpected) {
            // Fail closed and never 5xx; the exception's message may quote request data, so log its type only.
            LOG.log(System.Logger.Level.WARNING, () -> "Approov filter failed unexpectedly ("
                    + unexpected.getClass().getName() + "); request refused");
            request.removeProperty(CLAIMS_PROPERTY);
            request.abortWith(respond(ApproovFailure.VERIFICATION_ERROR, request));
        }
    }

    private void checkToken(ContainerRequestContext request, Progress progress, boolean bindingRequired) {
        ApproovVerdict verdict = verifier.verify(request.getHeaders().get(verifier.config().tokenHeaderName()));
        if (verdict instanceof ApproovVerdict.Rejected rejected) {
            progress.tokenFailed = true;
            if (refuse(request, rejected.reason())) {
                return;
            }
            if (bindingRequired) {
                skipBinding(request, progress);
            }
            return;
        }
        progress.tokenClaims = verdict.claims().orElseThrow();
        if (bindingRequired) {
            checkBinding(request, progress);
        } else {
            accept(request, progress.tokenClaims);
        }
    }

    private void checkBinding(ContainerRequestContext request, Progress progress) {
        if (progress.tokenFailed) {
            skipBinding(request, progress);
            return;
        }
        progress.bindingDone = true;
        List<String> values = bindingExtractor.bindingValues(request);
        ApproovFailure failure = verifier.checkBinding(progress.tokenClaims, values);
        if (failure == null) {
            accept(request, progress.tokenClaims);
        } else {
            // Claims are only ever exposed for requests that passed every check of their endpoint.
            request.removeProperty(CLAIMS_PROPERTY);
            refuse(request, failure);
        }
    }

    private void skipBinding(ContainerRequestContext request, Progress progress) {
        progress.bindingDone = true;
        String method = request.getMethod();
        String path = path(request);
        notify(() -> listener.bindingNotChecked(method, path));
    }

    private void accept(ContainerRequestContext request, ApproovClaims claims) {
        request.setProperty(CLAIMS_PROPERTY, claims);
        String method = request.getMethod();
        String path = path(request);
        notify(() -> listener.accepted(method, path, claims));
    }

    /** Reports the failure; aborts and returns true unless monitor mode lets the request go on. */
    private boolean refuse(ContainerRequestContext request, ApproovFailure failure) {
        ApproovConfig config = verifier.config();
        boolean enforced = failure.isBindingFailure() ? config.abortOnInvalidBinding() : config.abortOnInvalidToken();
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
     * Whether the matched resource method, its class or the application carries {@link ApproovBound}, so
     * that an {@link ApproovProtected} filter running first does the binding check too.
     */
    private boolean bindingRequiredByAnnotations() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return false;
        }
        return bindingRequiredByMethod.computeIfAbsent(method, m -> isBound(m)
                || isBound(resourceInfo.getResourceClass())
                || (application != null && isBound(application.getClass())));
    }

    private static boolean isBound(AnnotatedElement element) {
        return element != null && element.isAnnotationPresent(ApproovBound.class);
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    /** Bound to {@link ApproovProtected}: the token check. */
    @ApproovProtected
    static final class TokenFilter extends ApproovFilter {
        TokenFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder) {
            super(verifier, listener, bindingExtractor, failureResponder, false);
        }
    }

    /** Bound to {@link ApproovBound}: the token check, then the binding check. */
    @ApproovBound
    static final class BoundFilter extends ApproovFilter {
        BoundFilter(ApproovVerifier verifier, ApproovListener listener, ApproovBindingExtractor bindingExtractor,
                ApproovFailureResponder failureResponder) {
            super(verifier, listener, bindingExtractor, failureResponder, true);
        }
    }
}
