package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link ApproovVerifier} with Jazzer: whatever the token and binding header
 * values, the verifier returns a verdict (no exception, no {@link ApproovFailure#VERIFICATION_ERROR}, the
 * same verdict twice), and it never accepts a token that {@link TokenOracle} — an independent HMAC-SHA256
 * and claims check — would refuse.
 *
 * <p>In the normal test run ({@code mvn -B verify}) Jazzer runs in regression mode: the method runs once
 * on each committed input in {@code src/test/resources/io/github/approovjaxrs/ApproovVerifierFuzzTestInputs/}.
 * To fuzz for real (SECURITY.md gives the command), set {@code JAZZER_FUZZ=1}; findings are written
 * into that directory and so become regression inputs.
 *
 * <p>Input format, chosen so that seeds are readable text files: the first byte picks a mode (its two low
 * bits, so {@code '0'}–{@code '3'}); the bytes after it are split on {@code '\n'} into fields.
 * <ul>
 *   <li>mode 0: field 1 (UTF-8) is the token header value as sent; field 2, if present, the binding header
 *       value;</li>
 *   <li>mode 1: fields 1 and 2 are the header and payload bytes (any bytes, not only valid UTF-8), minted
 *       into a token signed with the configured secret, so the fuzzer reaches the header and claim rules
 *       past the MAC; field 3, if present, the binding value;</li>
 *   <li>mode 2: as mode 1, signed with another secret: must never be accepted;</li>
 *   <li>mode 3: as mode 1, then field 4 is spliced into the signed token at a position taken from field 3's
 *       length, re-spelling or damaging a genuinely signed token.</li>
 * </ul>
 * The committed seeds were written by hand in this format (valid and bound tokens, and one of each attack
 * class of {@link AttackMatrix}) with the fixed clock below, so their {@code exp} values stay meaningful.
 */
class ApproovVerifierFuzzTest {

    static final long NOW = 1_700_000_000L;
    static final byte[] OTHER_SECRET = "fuzz-other-secret-fuzz-other-sec".getBytes(StandardCharsets.US_ASCII);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final ApproovVerifier VERIFIER = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).build());
    /** The same check without the token cache: the two must always agree. */
    private static final ApproovVerifier UNCACHED = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK)
            .tokenCacheSize(0).build());

    /** One decoded fuzz input: the token header value, and the binding header value or null. */
    record Request(String token, String binding) {
        static Request decode(byte[] input) {
            if (input.length == 0) {
                return new Request("", null);
            }
            int mode = input[0] & 3;
            List<byte[]> fields = fields(input);
            if (mode == 0) {
                return new Request(text(fields, 0), text(fields, 1));
            }
            // Header and payload stay raw bytes, so the fuzzer can also send invalid UTF-8 inside a signed token.
            String binding = text(fields, 2);
            String token = ApproovTokens.sign(fields.get(0), fields.size() > 1 ? fields.get(1) : new byte[0],
                    mode == 2 ? OTHER_SECRET : TestSecret.SECRET);
            if (mode == 3 && fields.size() > 3) {
                int at = binding == null ? 0 : binding.length() % (token.length() + 1);
                token = token.substring(0, at) + text(fields, 3) + token.substring(at);
            }
            return new Request(token, binding);
        }

        /** The bytes after the mode byte, split on '\n'. */
        private static List<byte[]> fields(byte[] input) {
            List<byte[]> fields = new ArrayList<>();
            int start = 1;
            for (int i = 1; i <= input.length; i++) {
                if (i == input.length || input[i] == '\n') {
                    fields.add(Arrays.copyOfRange(input, start, i));
                    start = i + 1;
                }
            }
            return fields;
        }

        private static String text(List<byte[]> fields, int index) {
            return fields.size() > index ? new String(fields.get(index), StandardCharsets.UTF_8) : null;
        }
    }

    @FuzzTest(maxDuration = "10m")
    void everyInputGetsAVerdictAndOnlyGenuineTokensPass(byte[] input) {
        Request request = Request.decode(input);
        ApproovVerdict verdict = verify(VERIFIER, request);
        assertNotNull(verdict);
        assertNotEquals(ApproovFailure.VERIFICATION_ERROR, verdict.failure().orElse(null),
                "the verifier caught an unexpected exception");
        if (verdict.isAccepted()) {
            assertNull(TokenOracle.whyAcceptanceIsWrong(request.token(), request.binding(), TestSecret.SECRET,
                    NOW * 1000));
        }
        assertEquals(verdict.failure(), verify(VERIFIER, request).failure(), "a second look gives the same verdict");
        assertEquals(verdict.failure(), verify(UNCACHED, request).failure(), "the token cache never changes a verdict");
    }

    private static ApproovVerdict verify(ApproovVerifier verifier, Request request) {
        return request.binding() == null
                ? verifier.verify(List.of(request.token()))
                : verifier.verify(List.of(request.token()), List.of(request.binding()));
    }
}
