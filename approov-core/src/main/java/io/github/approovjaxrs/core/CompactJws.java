package io.github.approovjaxrs.core;

/**
 * The strict shape of a compact JWS (rule T2): three non-empty segments of canonical, unpadded
 * base64url, found by a hand-written scan with no regex and no allocation.
 *
 * <p>Canonical matters because common decoders (jose4j's, {@code java.util.Base64}) are lenient: they
 * skip foreign characters, stop at {@code =}, or ignore non-zero trailing bits, so one token would have
 * many accepted spellings. Here a segment is accepted only if re-encoding its bytes gives the same text.
 */
final class CompactJws {

    /** Base64url value of every char below 256; -1 for the rest ('.', '=', '+', '/', spaces, Latin-1). */
    private static final byte[] DECODE = new byte[256];
    private static final char[] ENCODE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ENCODE.length; i++) {
            DECODE[ENCODE[i]] = (byte) i;
        }
    }

    private CompactJws() {
    }

    /**
     * Returns the index of the second dot when {@code token} is three canonical base64url segments,
     * or -1 otherwise. The first dot is then {@code token.indexOf('.')}.
     */
    static int scan(String token) {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        // A third dot (JWE, or garbage) is not base64url, so the last segment's check refuses it.
        if (secondDot < 0 || !isCanonicalSegment(token, 0, firstDot)
                || !isCanonicalSegment(token, firstDot + 1, secondDot)
                || !isCanonicalSegment(token, secondDot + 1, token.length())) {
            return -1;
        }
        return secondDot;
    }

    /** A non-empty run of base64url characters whose length and last character admit no other spelling. */
    private static boolean isCanonicalSegment(String token, int start, int end) {
        int length = end - start;
        if (length == 0 || length % 4 == 1) { // six bits cannot end a byte
            return false;
        }
        // Branch-free, as this runs over every character of every token: a char outside the alphabet makes
        // its table entry negative, and a char above 0xFF (whose low byte alone might look valid) makes
        // -(c >>> 8) negative; either turns the sign bit on for good.
        int invalid = 0;
        for (int i = start; i < end; i++) {
            char c = token.charAt(i);
            invalid |= DECODE[c & 0xFF] | -(c >>> 8);
        }
        if (invalid < 0) {
            return false;
        }
        return switch (length % 4) {
            case 0 -> true;
            case 2 -> (DECODE[token.charAt(end - 1)] & 0x0F) == 0; // 4 unused bits must be zero
            default -> (DECODE[token.charAt(end - 1)] & 0x03) == 0; // 2 unused bits must be zero
        };
    }

    /** The number of bytes a canonical segment of {@code length} characters decodes to. */
    static int decodedLength(int length) {
        return length / 4 * 3 + Math.max(0, length % 4 - 1);
    }

    /** Decodes {@code token[start, end)}, a segment that {@link #scan} accepted. */
    static byte[] decode(String token, int start, int end) {
        byte[] out = new byte[decodedLength(end - start)];
        decodeInto(token, start, end, out);
        return out;
    }

    /** Decodes {@code token[start, end)} into the first bytes of {@code out}. */
    static void decodeInto(String token, int start, int end, byte[] out) {
        int o = 0;
        int i = start;
        for (; i + 4 <= end; i += 4) {
            int bits = DECODE[token.charAt(i)] << 18 | DECODE[token.charAt(i + 1)] << 12
                    | DECODE[token.charAt(i + 2)] << 6 | DECODE[token.charAt(i + 3)];
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int remaining = end - i;
        if (remaining >= 2) {
            int bits = DECODE[token.charAt(i)] << 18 | DECODE[token.charAt(i + 1)] << 12;
            if (remaining == 3) {
                bits |= DECODE[token.charAt(i + 2)] << 6;
            }
            out[o++] = (byte) (bits >> 16);
            if (remaining == 3) {
                out[o] = (byte) (bits >> 8);
            }
        }
    }

    /** Unpadded base64url of {@code bytes}, for minting and for tests. */
    static String encode(byte[] bytes) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
