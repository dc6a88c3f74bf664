package io.github.approovjaxrs.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a verified Approov token: immutable, safe to share across threads.
 *
 * <p>Only a token that passed every rule of its endpoint yields claims. JSON values come back as
 * {@link String}, {@link Boolean}, {@link Long} (integers), {@link BigDecimal} (other numbers, exact),
 * unmodifiable {@link java.util.List} and {@link Map}. {@link #toString()} shows claim names only, never
 * values, so the object is safe to log.
 */
public final class ApproovClaims {

    private final Map<String, Object> claims;
    private final Instant expiresAt;
    /** The {@code pay} claim's UTF-8 bytes, compared in constant time by the binding check; null if absent. */
    private final byte[] payBytes;
    /** The labels of the message signatures verified on this request (rule M14); empty: none. */
    private final Set<String> messageSignatures;
    /**
     * The {@code ipk} claim parsed on first use, so a cached token's key is parsed once however many signed
     * requests reuse it. Racy but safe: every thread computes the same immutable value.
     */
    private volatile InstallationKey installationKey;

    ApproovClaims(Map<String, Object> claims, Instant expiresAt) {
        this.claims = claims;
        this.expiresAt = expiresAt;
        this.payBytes = claims.get("pay") instanceof String pay && !pay.isEmpty()
                ? pay.getBytes(StandardCharsets.UTF_8)
                : null;
        this.messageSignatures = Set.of();
    }

    private ApproovClaims(ApproovClaims token, Set<String> messageSignatures) {
        this.claims = token.claims;
        this.expiresAt = token.expiresAt;
        this.payBytes = token.payBytes;
        this.messageSignatures = messageSignatures;
        this.installationKey = token.installationKey;
    }

    /** When the token expires ({@code exp}), to the millisecond and beyond: fractional {@code exp} is kept. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The token binding claim {@code pay}: base64 of SHA-256 of the bound header value, if the token carries
     * one. On an endpoint that requires the binding ({@code @ApproovBound}) it has already been checked against the request.
     */
    public Optional<String> binding() {
        return stringClaim("pay");
    }

    /** The device id claim {@code did} that Approov puts in its tokens, if present. */
    public Optional<String> deviceId() {
        return stringClaim("did");
    }

    /** The value of the claim {@code name}; empty when the claim is absent or JSON {@code null}. */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /** The claim {@code name} if it is present and a JSON string. */
    public Optional<String> stringClaim(String name) {
        return claims.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /** All claims as an unmodifiable map, in token order. */
    public Map<String, Object> asMap() {
        return claims;
    }

    /**
     * Whether this request's message signatures were verified (rule M14): true on endpoints that require
     * them ({@code @ApproovSigned}) for a request that carried each signature its token needs (the
     * installation signature with the token's {@code ipk} key, the account signature with the account key, or
     * both); false for a token that passed as token-only (no {@code ipk}, and no account signature needed),
     * and on endpoints that do not check signatures.
     */
    public boolean isMessageSigned() {
        return !messageSignatures.isEmpty();
    }

    /**
     * The labels of the message signatures verified on this request, in the order checked: {@code install}
     * (the installation's ECDSA key, held in the device's secure hardware), {@code account} (the account
     * message-signing key Approov gives every genuine app), or both; empty when {@link #isMessageSigned()}
     * is false. An {@code account} alone proves a genuine app signed the request, not which installation.
     */
    public Set<String> verifiedMessageSignatures() {
        return messageSignatures;
    }

    /** These claims, marked as those of a request whose message signatures of {@code labels} verified. */
    ApproovClaims signed(Set<String> labels) {
        return labels.isEmpty() || messageSignatures.equals(labels) ? this
                : new ApproovClaims(this, Collections.unmodifiableSet(new LinkedHashSet<>(labels)));
    }

    /** The token's {@code ipk} for the default engine, parsed once (rules M2, M3). */
    InstallationKey installationKey() {
        return installationKey(EcdsaP256.DEFAULT);
    }

    /** The token's {@code ipk} in {@code engine}'s form, parsed once per engine a verifier uses (one). */
    InstallationKey installationKey(EcdsaP256 engine) {
        InstallationKey parsed = installationKey;
        if (parsed == null || (parsed.engine() != null && parsed.engine() != engine)) {
            parsed = InstallationKey.parse(claims.get("ipk"), engine);
            installationKey = parsed;
        }
        return parsed;
    }

    byte[] payBytes() {
        return payBytes;
    }

    /** Claim names only: values such as {@code pay} or {@code did} never reach a log through this. */
    @Override
    public String toString() {
        return "ApproovClaims" + claims.keySet() + (isMessageSigned() ? " (message signed: "
                + String.join(", ", messageSignatures) + ")" : "");
    }
}
