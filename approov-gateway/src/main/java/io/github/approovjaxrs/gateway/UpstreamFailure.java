package io.github.approovjaxrs.gateway;

/** The upstream could not be asked, or did not answer: which {@link GatewayError} to send, and why, for the log. */
final class UpstreamFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final GatewayError error;

    UpstreamFailure(GatewayError error, String why) {
        super(why, null, false, false);
        this.error = error;
    }

    GatewayError error() {
        return error;
    }
}
