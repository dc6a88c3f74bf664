package io.github.approovjaxrs.core;

import java.util.Objects;

/**
 * What an endpoint asks of a request, beyond a valid Approov token: that the token be bound to the request's
 * binding header ({@link #withBinding()}), that the request carry a valid message signature
 * ({@link #withMessageSignature()}), and that each signed request be accepted only once
 * ({@link #withSingleUseMessageSignature()}). Immutable; start from {@link #token()}:
 *
 * <pre>{@code
 * ApproovRequirements orders = ApproovRequirements.token().withBinding().withSingleUseMessageSignature();
 * }</pre>
 *
 * <p>The checks run in the order token, binding, message signature, on one verification of the token; a
 * single-use signature is looked up in the replay store last, once everything else passed.
 */
public final class ApproovRequirements {

    private static final ApproovRequirements TOKEN = new ApproovRequirements(false, false, false);

    private final boolean binding;
    private final boolean messageSignature;
    private final boolean singleUse;

    private ApproovRequirements(boolean binding, boolean messageSignature, boolean singleUse) {
        this.binding = binding;
        this.messageSignature = messageSignature || singleUse;
        this.singleUse = singleUse;
    }

    /** A valid token, nothing more (rules T1–T10). */
    public static ApproovRequirements token() {
        return TOKEN;
    }

    /** These requirements, and the token bound to the binding header (rules B1–B4). */
    public ApproovRequirements withBinding() {
        return new ApproovRequirements(true, messageSignature, singleUse);
    }

    /** These requirements, and a valid message signature on the request (rules M1–M14). */
    public ApproovRequirements withMessageSignature() {
        return new ApproovRequirements(binding, true, singleUse);
    }

    /**
     * These requirements, and a valid message signature that is accepted once (rules M1–M14, then R1–R4): the
     * check remembers a digest of the verifying key and the signature base in its {@link ReplayStore} until the
     * signature could no longer be accepted anyway, and refuses the same base again as
     * {@link ApproovFailure#REPLAYED_MESSAGE_SIGNATURE}. A request whose token needs no signature (no
     * {@code ipk}, no account signature) is refused, since nothing in it can be proved new. Opt-in per
     * endpoint: Approov's SDK re-sends the same signature when it retries a request quickly, and two identical
     * requests signed in the same second have the same base, so only endpoints where a repeat must never
     * happen (an order, a payment) should ask for it.
     */
    public ApproovRequirements withSingleUseMessageSignature() {
        return new ApproovRequirements(binding, true, true);
    }

    /** Everything these requirements or {@code other} ask for: what an endpoint needs when both apply to it. */
    public ApproovRequirements and(ApproovRequirements other) {
        Objects.requireNonNull(other, "other");
        return new ApproovRequirements(binding || other.binding, messageSignature || other.messageSignature,
                singleUse || other.singleUse);
    }

    /** Whether the token must be bound to the binding header. */
    public boolean binding() {
        return binding;
    }

    /** Whether the request must carry a valid message signature (always, when it must be single-use). */
    public boolean messageSignature() {
        return messageSignature;
    }

    /** Whether the request's message signature is accepted only once. */
    public boolean singleUseMessageSignature() {
        return singleUse;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApproovRequirements that && binding == that.binding
                && messageSignature == that.messageSignature && singleUse == that.singleUse;
    }

    @Override
    public int hashCode() {
        return Objects.hash(binding, messageSignature, singleUse);
    }

    /** As the start-up report shows it, e.g. {@code token + binding + single-use message signature}. */
    @Override
    public String toString() {
        return "token" + (binding ? " + binding" : "")
                + (singleUse ? " + single-use message signature" : messageSignature ? " + message signature" : "");
    }
}
