package io.github.approovjaxrs.benchmarks;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;

/**
 * Mints tokens shaped like Approov's, with approov-test's {@link ApproovTokens} as the Shapes API's token tool
 * does: header {@code {"alg":"HS256","typ":"JWT"}}, claims {@code exp}, {@code iat}, a 16-byte device id
 * {@code did}, an {@code ip}, and {@code pay} when bound. The benchmarks need the real size and shape (the
 * check's cost grows with the text it scans and hashes), and many of them: thousands per second from one
 * JVM, which the token tool, one JVM per token, cannot give.
 *
 * <p>Seeded, so a run mints the same device ids each time; the device id is opaque to the check, so a seed
 * flatters nothing. One per thread, for a reproducible sequence.
 */
final class TokenMinter {

    private final ApproovTokens.Builder tokens;
    private final Random random;

    TokenMinter(byte[] secret, long seed) {
        this.tokens = ApproovTokens.hs256(secret);
        this.random = new Random(seed);
    }

    /** A minter with Approov's public dummy secret. */
    static TokenMinter withDummySecret(long seed) {
        return new TokenMinter(Base64.getDecoder().decode(ApproovTokens.DUMMY_SECRET_BASE64), seed);
    }

    /** A token signed with the secret; {@code binding}, when not null, is the bound header value. */
    String mint(Instant issuedAt, Instant expiresAt, String binding) {
        ApproovTokens.Builder token = next(issuedAt, expiresAt);
        return (binding == null ? token : token.boundTo(binding)).mint();
    }

    /**
     * A token carrying the app installation's public key as {@code ipk}, as Approov issues them when message
     * signing is on.
     */
    String mintWithInstallationKey(Instant issuedAt, Instant expiresAt, PublicKey installationKey) {
        return next(issuedAt, expiresAt).installationKey(installationKey).mint();
    }

    /** A valid token without {@code ipk} that names the account message-signing key {@code mskid}. */
    String mintWithAccountKeyId(Instant issuedAt, Instant expiresAt, String mskid) {
        return next(issuedAt, expiresAt).accountKeyId(mskid).mint();
    }

    /** A token with the same header and claims whose signature is made with another key: only it is wrong. */
    String forge(Instant issuedAt, Instant expiresAt) {
        return next(issuedAt, expiresAt).withWrongSignature().mint();
    }

    /** A forged token whose header is spelled {@code headerJson}, as an attacker may choose to. */
    String forge(String headerJson, Instant issuedAt, Instant expiresAt) {
        return next(issuedAt, expiresAt).headerJson(headerJson).withWrongSignature().mint();
    }

    /** The next token's times and seeded device id. */
    private ApproovTokens.Builder next(Instant issuedAt, Instant expiresAt) {
        byte[] deviceId = new byte[16];
        random.nextBytes(deviceId);
        return tokens.issuedAt(issuedAt).expiresAt(expiresAt).deviceId(Base64.getEncoder().encodeToString(deviceId));
    }
}
