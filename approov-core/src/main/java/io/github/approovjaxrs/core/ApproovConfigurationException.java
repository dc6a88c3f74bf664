package io.github.approovjaxrs.core;

/**
 * Thrown at start-up when the Approov configuration is missing or invalid.
 *
 * <p>The message names the setting (environment variable or builder method) and says how to fix it. It
 * never contains a secret or key material, so it is safe to print and log.
 */
public final class ApproovConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it; must not contain secrets
     */
    public ApproovConfigurationException(String message) {
        super(message);
    }
}
