package io.github.approovjaxrs.shapes;

/** The server cannot start; the message says why and what to change, in one line, for the console. */
final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        // No stack trace: the message is the whole story, and it is all Main prints.
        super(message, null, false, false);
    }
}
