package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.core.ApproovRequirements;

/**
 * What the check service requires, chosen by the path the proxy calls, never by anything the client sends:
 * {@code /approov/check/token}, {@code /approov/check/token-binding} or {@code /approov/check/signed}. Envoy
 * appends the original path to the one it is configured with ({@code path_prefix}), so a policy's path may
 * be followed by {@code /} and more.
 */
enum CheckPolicy {
    /** A valid token. */
    TOKEN("token", ApproovRequirements.token()),
    /** A valid token bound to the binding header. */
    TOKEN_BINDING("token-binding", ApproovRequirements.token().withBinding()),
    /** A valid token and, when it carries {@code ipk}, the request's message signature. */
    SIGNED("signed", ApproovRequirements.token().withMessageSignature());

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
