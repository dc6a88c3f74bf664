package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJwsTest {

    @Test
    void acceptsThreeCanonicalSegmentsAndFindsTheSecondDot() {
        assertEquals(7, CompactJws.scan("AAAA.BA.CCA"));
        assertEquals(8, CompactJws.scan("a-_0.Zm8.Zm9v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ".", "..", "AAAA", "AAAA.BBBB", "AAAA.BBBB.", ".BBBB.CCCC", "AAAA..CCCC", "AAAA.BBBB.CCCC.DDDD",
        "AAAA.BBBB.CCCC.", "AAAA.BBBB.CC==", "AAAA.BBBB.CC=", "AA+A.BBBB.CCCC", "AA/A.BBBB.CCCC", "AA A.BBBB.CCCC",
        "AAAA.BBBB.CCCC ", "AAAA.BBBB.C", "AAAA.BBBBB.CCCC", "AAAA.BBBB.CB", "AAAA.BBBB.CCD", "AAAA.BBBB.ééé",
        "AAAA.BBBB.CC\u0000C",
        // Above 0xFF, with a low byte that alone would pass: 'A' (U+0141), '.' (U+012E), '-' (U+FF2D).
        "AAAA.BBBB.CC\u0141C", "AAAA\u012EBBBB.CCCC", "\uFF2DAAA.BBBB.CCCC", "AAAA.BBBB.CC\u00C1C"
    })
    void rejectsEveryOtherSpelling(String token) {
        assertEquals(-1, CompactJws.scan(token), token);
    }

    @Test
    void canonicalMeansReEncodingGivesTheSameText() {
        // For every length 1..3 mod 4, every possible last character: accepted exactly when canonical.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (String prefix : new String[] {"", "A", "AB", "ABC"}) {
            for (char last : alphabet.toCharArray()) {
                String segment = "AAAA" + prefix + last;
                boolean canonical;
                try {
                    byte[] decoded = Base64.getUrlDecoder().decode(segment);
                    canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(segment);
                } catch (IllegalArgumentException invalid) {
                    canonical = false;
                }
                assertEquals(canonical, CompactJws.scan("AAAA.AAAA." + segment) >= 0, segment);
            }
        }
    }

    @Test
    void decodesLikeTheJdkForEveryLength() {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String token = "x" + encoded + "y";
            assertArrayEquals(bytes, CompactJws.decode(token, 1, 1 + encoded.length()), "length " + length);
            assertEquals(length, CompactJws.decodedLength(encoded.length()));
        }
    }
}
