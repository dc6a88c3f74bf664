package io.github.approovjaxrs.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one check by {@link ApproovVerifier}: either {@link Accepted} with the verified claims, or
 * {@link Rejected} with exactly one reason. A value, never an exception.
 */
sealed interface ApproovVerdict {

    /** True for {@link Accepted}. */
    boolean isAccepted();

    /** The verified claims of an {@link Accepted} verdict; empty for {@link Rejected}. */
    Optional<ApproovClaims> claims();

    /** The reason of a {@link Rejected} verdict; empty for {@link Accepted}. */
    Optional<ApproovFailure> failure();

    /**
     * The request passed every rule that was asked for.
     *
     * @param verifiedClaims the token's claims
     */
    record Accepted(ApproovClaims verifiedClaims) implements ApproovVerdict {
        /** Requires the claims. */
        public Accepted {
            Objects.requireNonNull(verifiedClaims, "verifiedClaims");
        }

        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public Optional<ApproovClaims> claims() {
            return Optional.of(verifiedClaims);
        }

        @Override
        public Optional<ApproovFailure> failure() {
            return Optional.empty();
        }
    }

    /**
     * The request failed; {@code reason} says which rule, for logs and metrics only.
     *
     * @param reason the first rule that failed
     */
    record Rejected(ApproovFailure reason) implements ApproovVerdict {
        /** Requires the reason. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public Optional<ApproovClaims> claims() {
            return Optional.empty();
        }

        @Override
        public Optional<ApproovFailure> failure() {
            return Optional.of(reason);
        }
    }
}
