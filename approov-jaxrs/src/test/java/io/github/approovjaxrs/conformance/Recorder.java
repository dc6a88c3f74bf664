package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every decision a scenario's check makes, as {@code accepted GET /path} or {@code rejected GET /path reason},
 * and what the client reported with each refusal, as the core made it safe.
 */
public final class Recorder implements ApproovListener {

    /** The decisions heard, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();
    /**
     * For each refusal heard, its reason and the client's {@code Approov-Status} and trace id as listeners see them
     * ({@code -} for none): {@code missing_token status=no_network trace=4bf92f3577b34da6}.
     */
    public final List<String> reports = new CopyOnWriteArrayList<>();

    @Override
    public void accepted(ApproovRequest request, ApproovClaims claims) {
        events.add("accepted " + request.method() + " " + request.path());
    }

    @Override
    public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
        events.add("rejected " + request.method() + " " + request.path() + " " + failure.code() + (enforced ? "" : " (monitor)"));
        reports.add(failure.code() + " status=" + request.approovStatus().orElse("-") + " trace="
                + request.traceId().orElse("-"));
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
