package io.github.approovjaxrs;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The account secret of the tests: 32 bytes, not Approov's public dummy secret (which the attack matrix
 * must see refused, and the demo and the gateway treat apart). Published in the test-jar for the other
 * modules' tests.
 */
public final class TestSecret {

    /** The secret's bytes; do not change them (a shared array, as the tests share one secret). */
    public static final byte[] SECRET = "test-secret-test-secret-test-sec".getBytes(StandardCharsets.US_ASCII);
    /** The secret in standard base64, as {@code APPROOV_BASE64_SECRET} takes it. */
    public static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET);
    /** Approov-like tokens signed with it, valid for an hour unless told otherwise. */
    public static final ApproovTokens.Builder TOKENS = ApproovTokens.hs256(SECRET);

    private TestSecret() {
    }

    /**
     * What {@code start} returns when it runs with {@code APPROOV_BASE64_SECRET} set to the test secret as a system
     * property (where {@code ApproovConfig.fromEnvironment()} looks first), as a deployment's environment would set
     * it; the property is restored afterwards.
     */
    public static <T> T inTheEnvironment(java.util.concurrent.Callable<T> start) throws Exception {
        String previous = System.setProperty("APPROOV_BASE64_SECRET", SECRET_BASE64);
        try {
            return start.call();
        } finally {
            if (previous == null) {
                System.clearProperty("APPROOV_BASE64_SECRET");
            } else {
                System.setProperty("APPROOV_BASE64_SECRET", previous);
            }
        }
    }
}
