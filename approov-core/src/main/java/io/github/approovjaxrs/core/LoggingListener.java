package io.github.approovjaxrs.core;

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
    public void accepted(ApproovRequest request, ApproovClaims claims) {
        LOG.log(Level.DEBUG, () -> "Approov: accepted " + request.method() + " " + request.path());
    }

    @Override
    public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
        if (enforced) {
            LOG.log(Level.INFO, () -> "Approov: rejected " + request.method() + " " + request.path() + ": "
                    + failure.code());
        } else {
            LOG.log(Level.WARNING, () -> "Approov (monitor mode): " + request.method() + " " + request.path()
                    + " failed (" + failure.code() + ") and was let through");
        }
    }

    @Override
    public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
        String check = stage == ApproovFailure.Stage.BINDING ? "token binding" : "message signature";
        LOG.log(Level.WARNING, () -> "Approov (monitor mode): " + request.method() + " " + request.path() + ": "
                + check + " not checked because the token failed; let through without claims");
    }
}
