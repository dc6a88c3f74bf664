package io.github.approovjaxrs.docs;

// snippet:listener
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the Approov check's decisions, for a metrics endpoint or an alert. */
public class ApproovMetrics implements ApproovListener {

    private final LongAdder accepted = new LongAdder();
    private final Map<ApproovFailure, LongAdder> rejected = new ConcurrentHashMap<>();

    @Override
    public void accepted(ApproovRequest request, ApproovClaims claims) {
        accepted.increment();
    }

    @Override
    public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
        // enforced is false in monitor mode: the request went on anyway.
        rejected.computeIfAbsent(failure, f -> new LongAdder()).increment();
    }

    /** How many requests passed. */
    public long accepted() {
        return accepted.sum();
    }

    /** How many requests failed for {@code failure}; its code() ("expired", ...) makes a metric label. */
    public long rejected(ApproovFailure failure) {
        LongAdder count = rejected.get(failure);
        return count == null ? 0 : count.sum();
    }
}
// end-snippet
