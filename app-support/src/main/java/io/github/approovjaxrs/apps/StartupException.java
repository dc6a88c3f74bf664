package io.github.approovjaxrs.apps;

/**
 * An app cannot start: a setting is invalid, or the address cannot be listened on. The message is one line
 * that says why and which variable to change, holds no secret, and is all {@link AppLifecycle#startOrExit}
 * prints; so there is no stack trace to print.
 */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A start-up failure.
     *
     * @param message one line for the console: what is wrong and how to fix it
     */
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
