package io.github.approovjaxrs;

/**
 * Hears every decision the Approov filter makes, for metrics, audit or custom logging: the
 * "customisable callbacks" of Approov's walkthroughs. Every method has a no-op default.
 *
 * <p>Called on the request thread, so keep it quick; an exception it throws is logged and ignored. It is
 * given the method and path, never the token or the binding value.
 */
public interface ApproovListener {

    /**
     * A request passed every check its endpoint requires.
     *
     * @param method the HTTP method
     * @param path the raw request path
     * @param claims the verified claims
     */
    default void accepted(String method, String path, ApproovClaims claims) {
    }

    /**
     * A request failed a check.
     *
     * @param method the HTTP method
     * @param path the raw request path
     * @param failure why
     * @param enforced true when the request was refused; false in monitor mode, where it goes on
     */
    default void rejected(String method, String path, ApproovFailure failure, boolean enforced) {
    }

    /**
     * On a bound endpoint, the token already failed in monitor mode, so there are no verified claims and
     * the binding was not judged; the request goes on without claims.
     *
     * @param method the HTTP method
     * @param path the raw request path
     */
    default void bindingNotChecked(String method, String path) {
    }

    /**
     * On a signed endpoint, the token already failed in monitor mode, so no {@code ipk} is trusted and the
     * message signature was not judged (rule M13); the request goes on without claims.
     *
     * @param method the HTTP method
     * @param path the raw request path
     */
    default void messageSignatureNotChecked(String method, String path) {
    }
}
