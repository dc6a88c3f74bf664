package io.github.approovjaxrs;

import java.lang.System.Logger.Level;

/**
 * The default listener when {@code APPROOV_LOGGING_ENABLED} is true: one line per decision through
 * {@link System.Logger} (no logging dependency; it reaches JUL, SLF4J or Log4j like Jersey's own logs).
 * Rejections at INFO, monitor-mode pass-throughs at WARNING, acceptances at DEBUG. A line carries the
 * method, the path and the reason code, never the token, a claim value or the binding header.
 */
final class LoggingListener implements ApproovListener {

    private static final System.Logger LOG = System.getLogger(LoggingListener.class.getPackageName());

    @Override
    public void accepted(String method, String path, ApproovClaims claims) {
        LOG.log(Level.DEBUG, () -> "Approov: accepted " + method + " " + path);
    }

    @Override
    public void rejected(String method, String path, ApproovFailure failure, boolean enforced) {
        if (enforced) {
            LOG.log(Level.INFO, () -> "Approov: rejected " + method + " " + path + ": " + failure.code());
        } else {
            LOG.log(Level.WARNING, () -> "Approov (monitor mode): " + method + " " + path + " failed ("
                    + failure.code() + ") and was let through");
        }
    }

    @Override
    public void bindingNotChecked(String method, String path) {
        LOG.log(Level.WARNING, () -> "Approov (monitor mode): " + method + " " + path
                + ": token binding not checked because the token failed; let through without claims");
    }

    @Override
    public void messageSignatureNotChecked(String method, String path) {
        LOG.log(Level.WARNING, () -> "Approov (monitor mode): " + method + " " + path
                + ": message signature not checked because the token failed; let through without claims");
    }
}
