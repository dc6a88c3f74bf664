package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every decision a scenario's check makes, as {@code accepted GET /path} or {@code rejected GET /path reason}. */
public final class Recorder implements ApproovListener {

    /** The decisions heard, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void accepted(ApproovRequest request, ApproovClaims claims) {
        events.add("accepted " + request.method() + " " + request.path());
    }

    @Override
    public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
        events.add("rejected " + request.method() + " " + request.path() + " " + failure.code() + (enforced ? "" : " (monitor)"));
    }

    @Override
    public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
        if (stage == ApproovFailure.Stage.BINDING) {
            events.add("binding not checked " + request.method() + " " + request.path());
        }
        if (stage == ApproovFailure.Stage.MESSAGE_SIGNATURE) {
            events.add("signature not checked " + request.method() + " " + request.path());
        }
    }
}
