package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovRequirements;

/**
 * What the check service requires, chosen by the path the proxy calls, never by anything the client sends:
 * {@code /approov/check/token}, {@code /approov/check/token-binding}, {@code /approov/check/signed} or
 * {@code /approov/check/signed-single-use}. Envoy appends the original path to the one it is configured with
 * ({@code path_prefix}), so a policy's path may be followed by {@code /} and more.
 *
 * <p>Single-use is a path of its own, like {@code @ApproovSigned(singleUse = true)} is an attribute of one
 * method: the proxy's configuration says, location by location, which endpoints take each signed request only
 * once (an order, a payment), as it already says which need a signature. A setting of the service would make
 * every signed endpoint single-use, which breaks the SDK's quick re-sends of an identical request elsewhere.
 */
enum CheckPolicy {
    /** A valid token. */
    TOKEN("token", ApproovRequirements.token()),
    /** A valid token bound to the binding header. */
    TOKEN_BINDING("token-binding", ApproovRequirements.token().withBinding()),
    /** A valid token and, when it carries {@code ipk}, the request's message signature. */
    SIGNED("signed", ApproovRequirements.token().withMessageSignature()),
    /**
     * A valid token and the request's message signature, accepted once: the service remembers it (in memory,
     * or in the Redis of {@code APPROOV_REPLAY_STORE_URL} that every instance of the service shares), and
     * denies the same signed request again.
     */
    SIGNED_SINGLE_USE("signed-single-use", ApproovRequirements.token().withSingleUseMessageSignature());

    /** Every policy's path starts with this. */
    static final String PREFIX = "/approov/check/";
    /** {@link #values()} once: it copies its array on every call, and this is on every request's path. */
    private static final CheckPolicy[] ALL = values();

    private final String path;
    private final ApproovRequirements requirements;

    CheckPolicy(String name, ApproovRequirements requirements) {
        this.path = PREFIX + name;
        this.requirements = requirements;
    }

    /** The path that selects this policy, e.g. {@code /approov/check/token}. */
    String path() {
        return path;
    }

    ApproovRequirements requirements() {
        return requirements;
    }

    /** Every policy, in order: for the start-up line. */
    static java.util.List<CheckPolicy> all() {
        return java.util.List.of(ALL);
    }

    /**
     * The policy whose path {@code rawPath} is or starts with, followed by {@code /}; null for any other path.
     * Compared as received: a proxy calls the path it is configured with, spelled as configured.
     */
    static CheckPolicy at(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return null;
        }
        for (CheckPolicy policy : ALL) {
            int length = policy.path.length();
            if (rawPath.startsWith(policy.path) && (rawPath.length() == length || rawPath.charAt(length) == '/')) {
                return policy;
            }
        }
        return null;
    }
}
