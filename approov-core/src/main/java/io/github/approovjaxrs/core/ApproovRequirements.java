package io.github.approovjaxrs.core;

import java.util.Objects;

/**
 * What an endpoint asks of a request, beyond a valid Approov token: that the token be bound to the request's
 * binding header ({@link #withBinding()}), and that the request carry a valid message signature
 * ({@link #withMessageSignature()}). Immutable; start from {@link #token()}:
 *
 * <pre>{@code
 * ApproovRequirements orders = ApproovRequirements.token().withBinding().withMessageSignature();
 * }</pre>
 *
 * <p>The checks run in the order token, binding, message signature, on one verification of the token.
 */
public final class ApproovRequirements {

    private static final ApproovRequirements TOKEN = new ApproovRequirements(false, false);

    private final boolean binding;
    private final boolean messageSignature;

    private ApproovRequirements(boolean binding, boolean messageSignature) {
        this.binding = binding;
        this.messageSignature = messageSignature;
    }

    /** A valid token, nothing more (rules T1–T10). */
    public static ApproovRequirements token() {
        return TOKEN;
    }

    /** These requirements, and the token bound to the binding header (rules B1–B4). */
    public ApproovRequirements withBinding() {
        return new ApproovRequirements(true, messageSignature);
    }

    /** These requirements, and a valid message signature on the request (rules M1–M14). */
    public ApproovRequirements withMessageSignature() {
        return new ApproovRequirements(binding, true);
    }

    /** Everything these requirements or {@code other} ask for: what an endpoint needs when both apply to it. */
    public ApproovRequirements and(ApproovRequirements other) {
        Objects.requireNonNull(other, "other");
        return new ApproovRequirements(binding || other.binding, messageSignature || other.messageSignature);
    }

    /** Whether the token must be bound to the binding header. */
    public boolean binding() {
        return binding;
    }

    /** Whether the request must carry a valid message signature. */
    public boolean messageSignature() {
        return messageSignature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApproovRequirements that && binding == that.binding
                && messageSignature == that.messageSignature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(binding, messageSignature);
    }

    /** As the start-up report shows it, e.g. {@code token + binding}. */
    @Override
    public String toString() {
        return "token" + (binding ? " + binding" : "") + (messageSignature ? " + message signature" : "");
    }
}
