package io.github.approovjaxrs.core;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The account secret of the core's tests: 32 bytes, not Approov's public dummy secret. The committed fuzz
 * seeds hold tokens signed with it, so it stays this value.
 */
final class TestSecret {

    static final byte[] SECRET = "test-secret-test-secret-test-sec".getBytes(StandardCharsets.US_ASCII);
    static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET);
    /** Approov-like tokens signed with it, valid for an hour unless told otherwise. */
    static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(SECRET);

    private TestSecret() {
    }
}
