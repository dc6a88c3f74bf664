package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @Test
    void parsesEveryKindOfValue() throws Exception {
        Map<String, Object> parsed = StrictJson.parseObject(
                " {\"s\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"i\":-12,\"big\":123456789012345678901,"
                        + "\"d\":1.5e-3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"x\":{}}}\n");
        assertEquals("a\"b\\c/\b\f\n\r\té😀", parsed.get("s"));
        assertEquals(-12L, parsed.get("i"));
        assertEquals(new BigDecimal("123456789012345678901"), parsed.get("big"));
        assertEquals(new BigDecimal("1.5e-3"), parsed.get("d"));
        assertEquals(Boolean.TRUE, parsed.get("t"));
        assertEquals(Boolean.FALSE, parsed.get("f"));
        assertNull(parsed.get("n"));
        assertEquals(List.of(1L, List.of(), Map.of()), parsed.get("a"));
        assertEquals(Map.of("x", Map.of()), parsed.get("o"));
        assertEquals(List.of("s", "i", "big", "d", "t", "f", "n", "a", "o"), List.copyOf(parsed.keySet()));
    }

    @Test
    void integersOfUpToEighteenCharactersAreLongsAndLongerOnesExactDecimals() throws Exception {
        Map<String, Object> parsed = StrictJson.parseObject("{\"a\":0,\"b\":-0,\"c\":999999999999999999,"
                + "\"d\":-99999999999999999,\"e\":1000000000000000000,\"f\":-999999999999999999,"
                + "\"exp\":1764262800}");
        assertEquals(0L, parsed.get("a"));
        assertEquals(0L, parsed.get("b"));
        assertEquals(999_999_999_999_999_999L, parsed.get("c"));
        assertEquals(-99_999_999_999_999_999L, parsed.get("d"));
        assertEquals(new BigDecimal("1000000000000000000"), parsed.get("e"));
        assertEquals(new BigDecimal("-999999999999999999"), parsed.get("f"));
        assertEquals(1_764_262_800L, parsed.get("exp"));
    }

    @Test
    void resultIsUnmodifiable() throws Exception {
        Map<String, Object> parsed = StrictJson.parseObject("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> parsed.put("b", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) parsed.get("a")).clear());
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndParsedWhole() throws Exception {
        int levels = StrictJson.MAX_DEPTH - 1; // below the top-level object, which is the first level
        Object arrays = StrictJson.parseObject("{\"a\":" + "[".repeat(levels) + "1" + "]".repeat(levels) + "}").get("a");
        for (int level = 0; level < levels; level++) {
            List<?> array = assertInstanceOf(List.class, arrays, "array level " + level);
            assertEquals(1, array.size(), "array level " + level);
            arrays = array.get(0);
        }
        assertEquals(1L, arrays);
        Object objects = StrictJson.parseObject("{\"a\":" + "{\"a\":".repeat(levels) + "1" + "}".repeat(levels) + "}");
        for (int level = 0; level <= levels; level++) { // the top-level object, then the nested ones
            Map<?, ?> object = assertInstanceOf(Map.class, objects, "object level " + level);
            assertEquals(List.of("a"), List.copyOf(object.keySet()), "object level " + level);
            objects = object.get("a");
        }
        assertEquals(1L, objects);
    }

    @Test
    void nestingOneLevelBeyondTheLimitIsRefused() {
        int levels = StrictJson.MAX_DEPTH;
        assertThrows(StrictJson.MalformedJsonException.class,
                () -> StrictJson.parseObject("{\"a\":" + "[".repeat(levels) + "1" + "]".repeat(levels) + "}"));
        assertThrows(StrictJson.MalformedJsonException.class,
                () -> StrictJson.parseObject("{\"a\":" + "{\"a\":".repeat(levels) + "1" + "}".repeat(levels) + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "1", "\"s\"", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}",
        "{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{a:1}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":1.}", "{\"a\":.5}",
        "{\"a\":+1}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":-}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}",
        "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"x\ty\"}", "{\"a\":\"x\ny\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u12G4\"}", "{\"a\":\"unterminated}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}",
        "{\"a\":1,\"a\":1}", "{\"a\":null,\"a\":null}", "{\"a\":null,\"a\":1}", "{\"o\":{\"b\":1,\"b\":2}}", "{\"a\":1e999999999999}", "\uFEFF{}", "{\"a\":1}\u0000",
        "{\"a\":1}\u00a0", "/*c*/{}", "{\"a\":[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]}"
    })
    void rejectsEverythingThatIsNotOneStrictObject(String text) {
        assertThrows(StrictJson.MalformedJsonException.class, () -> StrictJson.parseObject(text));
    }

    @Test
    void deepNestingFailsWithoutStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThrows(StrictJson.MalformedJsonException.class, () -> StrictJson.parseObject(deep));
    }

    @Test
    void messagesNeverQuoteTheInput() {
        StrictJson.MalformedJsonException e = assertThrows(StrictJson.MalformedJsonException.class,
                () -> StrictJson.parseObject("{\"secret-value\":x}"));
        assertEquals(false, e.getMessage().contains("secret-value"));
    }
}
