package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.apps.StartupException;

/**
 * The gateway cannot start as configured, or cannot listen where told. The message is one line that names
 * each variable to fix and how; it never holds a secret, so it is safe to print, and it is all {@link Main}
 * prints.
 */
final class GatewayConfigException extends StartupException {

    private static final long serialVersionUID = 1L;

    GatewayConfigException(String message) {
        super(message);
    }
}
