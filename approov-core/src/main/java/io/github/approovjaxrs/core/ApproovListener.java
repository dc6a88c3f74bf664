package io.github.approovjaxrs.core;

/**
 * Hears every decision {@link ApproovCheck} makes, for metrics, audit or custom logging: the "customisable
 * callbacks" of Approov's walkthroughs. Every method has a no-op default.
 *
 * <p>Called on the request thread, once per check that concluded, so keep it quick; an exception it throws is
 * logged and ignored. It sees the request's method and path ({@link ApproovRequest#method()},
 * {@link ApproovRequest#path()}) and what the client's Approov SDK reported, made safe to log
 * ({@link ApproovRequest#approovStatus()}, {@link ApproovRequest#traceId()}), never its token, binding value,
 * signature or body.
 */
public interface ApproovListener {

    /**
     * A request passed every check its endpoint requires.
     *
     * @param request the request
     * @param claims the verified claims
     */
    default void accepted(ApproovRequest request, ApproovClaims claims) {
    }

    /**
     * A request failed a check.
     *
     * @param request the request
     * @param failure why
     * @param enforced true when the request was refused; false in monitor mode, where it goes on
     */
    default void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
    }

    /**
     * The token already failed in monitor mode, so there are no verified claims and the check of
     * {@code stage} ({@link ApproovFailure.Stage#BINDING} or {@link ApproovFailure.Stage#MESSAGE_SIGNATURE})
     * that the endpoint requires was not judged; the request goes on without claims.
     *
     * @param request the request
     * @param stage the check that was skipped
     */
    default void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
    }
}
