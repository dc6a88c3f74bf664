package io.github.approovjaxrs.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
    /** True only for the claims of a request whose installation message signature was verified (rule M14). */
    private final boolean messageSigned;
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
        this.messageSigned = false;
    }

    private ApproovClaims(ApproovClaims token) {
        this.claims = token.claims;
        this.expiresAt = token.expiresAt;
        this.payBytes = token.payBytes;
        this.messageSigned = true;
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
     * Whether this request's installation message signature was verified with the token's {@code ipk} key
     * (rule M14): true on endpoints that require message signatures ({@code @ApproovSigned}) for a signed request; false for a token without
     * {@code ipk} that passed as token-only, and on endpoints that do not check signatures.
     */
    public boolean isMessageSigned() {
        return messageSigned;
    }

    /** These claims, marked as those of a request whose message signature verified. */
    ApproovClaims signed() {
        return messageSigned ? this : new ApproovClaims(this);
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
        return "ApproovClaims" + claims.keySet() + (messageSigned ? " (message signed)" : "");
    }
}
