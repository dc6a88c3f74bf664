package io.github.approovjaxrs.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an endpoint asks of a request, beyond a valid Approov token: that the token be bound to request headers
 * ({@link #withBinding()}: the configured binding headers; {@link #withBinding(String...)}: the headers named),
 * that the request carry a valid message signature ({@link #withMessageSignature()}), and that each signed
 * request be accepted only once ({@link #withSingleUseMessageSignature()}). Immutable; start from
 * {@link #token()}:
 *
 * <pre>{@code
 * ApproovRequirements orders = ApproovRequirements.token().withBinding().withSingleUseMessageSignature();
 * ApproovRequirements upload = ApproovRequirements.token().withBinding("Authorization", "Content-Digest");
 * }</pre>
 *
 * <p>The checks run in the order token, binding, message signature, on one verification of the token; a
 * single-use signature is looked up in the replay store last, once everything else passed.
 */
public final class ApproovRequirements {

    private static final ApproovRequirements TOKEN = new ApproovRequirements(false, List.of(), false, false);

    private final boolean binding;
    /** The headers the binding reads, in order; empty: the configured ones. */
    private final List<String> bindingHeaderNames;
    private final boolean messageSignature;
    private final boolean singleUse;

    private ApproovRequirements(boolean binding, List<String> bindingHeaderNames, boolean messageSignature,
            boolean singleUse) {
        this.binding = binding;
        this.bindingHeaderNames = bindingHeaderNames;
        this.messageSignature = messageSignature || singleUse;
        this.singleUse = singleUse;
    }

    /** A valid token, nothing more (rules T1–T10). */
    public static ApproovRequirements token() {
        return TOKEN;
    }

    /**
     * These requirements, and the token bound to the configured binding headers
     * ({@code APPROOV_TOKEN_BINDING_HEADER_NAME}, default {@code Authorization}; rules B1–B4). Headers these
     * requirements already name stay.
     */
    public ApproovRequirements withBinding() {
        return new ApproovRequirements(true, bindingHeaderNames, messageSignature, singleUse);
    }

    /**
     * These requirements, and the token bound to the headers {@code headerNames}, in this order: each must be
     * present exactly once and non-empty, and the token's {@code pay} must be base64(SHA-256) of their values
     * concatenated with no separator (as {@code approov token -setDataHashInToken <value1><value2>} mints it).
     * Names are matched case-insensitively.
     *
     * @param headerNames one or more HTTP header names, none twice
     * @throws IllegalArgumentException when no name is given, one is not an HTTP header name, or one is given twice
     */
    public ApproovRequirements withBinding(String... headerNames) {
        Objects.requireNonNull(headerNames, "headerNames");
        List<String> names = new ArrayList<>(headerNames.length);
        for (String name : headerNames) {
            names.add(Objects.requireNonNull(name, "header name"));
        }
        List<String> problems = headerNameProblems(names);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Binding headers " + names + ": " + String.join(" ", problems));
        }
        return new ApproovRequirements(true, List.copyOf(names), messageSignature, singleUse);
    }

    /** These requirements, and a valid message signature on the request (rules M1–M14). */
    public ApproovRequirements withMessageSignature() {
        return new ApproovRequirements(binding, bindingHeaderNames, true, singleUse);
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
        return new ApproovRequirements(binding, bindingHeaderNames, true, true);
    }

    /**
     * Everything these requirements or {@code other} ask for: what an endpoint needs when both apply to it.
     * When both name binding headers, these requirements' are kept: put the more specific first (a method's
     * before its class's, a class's before the application's).
     */
    public ApproovRequirements and(ApproovRequirements other) {
        Objects.requireNonNull(other, "other");
        return new ApproovRequirements(binding || other.binding,
                bindingHeaderNames.isEmpty() ? other.bindingHeaderNames : bindingHeaderNames,
                messageSignature || other.messageSignature, singleUse || other.singleUse);
    }

    /** Whether the token must be bound to request headers. */
    public boolean binding() {
        return binding;
    }

    /**
     * The headers the binding reads, in order, as {@link #withBinding(String...)} named them; empty for the
     * configured binding headers (or when no binding is required).
     */
    public List<String> bindingHeaderNames() {
        return bindingHeaderNames;
    }

    /** Whether the request must carry a valid message signature (always, when it must be single-use). */
    public boolean messageSignature() {
        return messageSignature;
    }

    /** Whether the request's message signature is accepted only once. */
    public boolean singleUseMessageSignature() {
        return singleUse;
    }

    /**
     * What is wrong with {@code names} as a list of binding headers: none given, one that is no HTTP header
     * name (RFC 9110 {@code token}), one given twice (names match case-insensitively). Empty when fine.
     */
    static List<String> headerNameProblems(List<String> names) {
        List<String> problems = new ArrayList<>();
        if (names.isEmpty()) {
            problems.add("name no header: give at least one.");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!ConfigVariables.isToken(name)) {
                problems.add("must be HTTP header names (letters, digits and !#$%&'*+-.^_`|~), separated by commas;"
                        + " got " + ApproovConfigurationException.quoteSafely(name) + ".");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("name " + ApproovConfigurationException.quoteSafely(name) + " twice: a header can be"
                        + " bound once.");
            }
        }
        return problems;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApproovRequirements that && binding == that.binding
                && bindingHeaderNames.equals(that.bindingHeaderNames) && messageSignature == that.messageSignature
                && singleUse == that.singleUse;
    }

    @Override
    public int hashCode() {
        return Objects.hash(binding, bindingHeaderNames, messageSignature, singleUse);
    }

    /**
     * As the start-up report shows it, e.g. {@code token + binding + single-use message signature} or
     * {@code token + binding to Authorization, SessionId}.
     */
    @Override
    public String toString() {
        return "token" + (binding ? " + binding" : "")
                + (binding && !bindingHeaderNames.isEmpty() ? " to " + String.join(", ", bindingHeaderNames) : "")
                + (singleUse ? " + single-use message signature" : messageSignature ? " + message signature" : "");
    }
}
