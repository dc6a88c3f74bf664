package io.github.approovjaxrs;

/**
 * The strict shape of a compact JWS (rule T2): three non-empty segments of canonical, unpadded
 * base64url, found by one hand-written scan with no regex and no allocation.
 *
 * <p>Canonical matters because common decoders (jose4j's, {@code java.util.Base64}) are lenient: they
 * skip foreign characters, stop at {@code =}, or ignore non-zero trailing bits, so one token would have
 * many accepted spellings. Here a segment is accepted only if re-encoding its bytes gives the same text.
 */
final class CompactJws {

    private static final byte[] DECODE = new byte[128];
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
        int length = token.length();
        int firstDot = -1;
        int secondDot = -1;
        int segmentStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? token.charAt(i) : '.';
            if (c == '.') {
                if (!isCanonicalSegment(token, segmentStart, i)) {
                    return -1;
                }
                if (i == length) {
                    break;
                }
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    return -1; // a fourth segment: JWE or garbage
                }
                segmentStart = i + 1;
            } else if (c >= 128 || DECODE[c] < 0) {
                return -1;
            }
        }
        return secondDot;
    }

    /** A non-empty run of base64url characters whose length and last character admit no other spelling. */
    private static boolean isCanonicalSegment(String token, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return false;
        }
        return switch (length % 4) {
            case 0 -> true;
            case 1 -> false; // six bits cannot end a byte
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
