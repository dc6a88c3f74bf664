package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.StructuredFields.ByteSequence;
import io.github.approovjaxrs.core.StructuredFields.InnerList;
import io.github.approovjaxrs.core.StructuredFields.Item;
import io.github.approovjaxrs.core.StructuredFields.ParseException;
import io.github.approovjaxrs.core.StructuredFields.SerializeException;
import io.github.approovjaxrs.core.StructuredFields.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 9651 parser and serializer against the HTTP Working Group's own test suite (test resources
 * {@code structured-field-tests/}, with RFC 9651's examples in {@code examples.json}), plus the strictness
 * choices this project makes.
 */
class StructuredFieldsTest {

    static final List<String> PARSE_FILES = List.of("binary", "boolean", "date", "dictionary", "display-string",
            "examples", "item", "key-generated", "list", "listlist", "number-generated", "number", "param-dict",
            "param-list", "param-listlist", "string-generated", "string", "token-generated", "token");
    static final List<String> SERIALIZE_FILES = List.of("key-generated", "number", "string-generated",
            "token-generated");

    static List<Object> load(String resource) {
        try (InputStream in = StructuredFieldsTest.class.getResourceAsStream("/structured-field-tests/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return castList(StrictJson.parseObject("{\"cases\":" + text + "}").get("cases"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StrictJson.MalformedJsonException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    static Stream<Arguments> parseCases() {
        return PARSE_FILES.stream().flatMap(file -> load(file + ".json").stream()
                .map(c -> Arguments.of(file + ": " + castMap(c).get("name"), castMap(c))));
    }

    static Stream<Arguments> serializeCases() {
        return SERIALIZE_FILES.stream().flatMap(file -> load("serialisation-tests/" + file + ".json").stream()
                .map(c -> Arguments.of(file + ": " + castMap(c).get("name"), castMap(c))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseCases")
    void parsesEveryCaseOfTheWorkingGroupSuite(String name, Map<String, Object> testCase) throws Exception {
        List<String> raw = castList(testCase.get("raw")).stream().map(String.class::cast).toList();
        String type = (String) testCase.get("header_type");
        boolean mustFail = Boolean.TRUE.equals(testCase.get("must_fail"));
        boolean canFail = Boolean.TRUE.equals(testCase.get("can_fail"));
        if (mustFail) {
            assertThrows(ParseException.class, () -> parse(type, raw), name);
            return;
        }
        Object parsed;
        try {
            parsed = parse(type, raw);
        } catch (ParseException failed) {
            assertTrue(canFail, name + " failed: " + failed.getMessage());
            return;
        }
        assertEquals(normalized(expected(type, testCase.get("expected"))), normalized(parsed), name);
        List<String> canonical = testCase.containsKey("canonical")
                ? castList(testCase.get("canonical")).stream().map(String.class::cast).toList() : raw;
        assertEquals(canonical.isEmpty() ? "" : String.join(", ", canonical), serialize(type, parsed), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serializeCases")
    void serializesEveryCaseOfTheWorkingGroupSuite(String name, Map<String, Object> testCase) throws Exception {
        String type = (String) testCase.get("header_type");
        Object value = expected(type, testCase.get("expected"));
        if (Boolean.TRUE.equals(testCase.get("must_fail"))) {
            assertThrows(SerializeException.class, () -> serialize(type, value), name);
            return;
        }
        List<?> canonical = castList(testCase.get("canonical"));
        assertEquals(canonical.isEmpty() ? "" : canonical.get(0), serialize(type, value), name);
    }

    @Test
    void theSuiteIsAllThere() {
        assertTrue(parseCases().count() > 1500, "parse cases");
        assertTrue(serializeCases().count() > 500, "serialization cases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=:AQID:", "a=:AQIDBA==:", "a=::"})
    void canonicalByteSequencesParse(String field) throws ParseException {
        assertTrue(StructuredFields.parseDictionary(field).get("a") instanceof Item item
                && item.value() instanceof ByteSequence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=:AQIDBA:", "a=:AQIDBB==:", "a=:AQID BA==:", "a=:AQ-D:", "a=:AQIDBA=:", "a=:=:"})
    void byteSequencesThatAreNotCanonicalBase64Fail(String field) {
        // RFC 9651 lets parsers accept missing padding and non-zero pad bits; one spelling per value is safer.
        assertThrows(ParseException.class, () -> StructuredFields.parseDictionary(field));
    }

    @Test
    void severalLinesAreOneFieldJoinedWithCommas() throws ParseException {
        Map<String, Object> joined = StructuredFields.parseDictionary(List.of("a=1", "b=2"));
        assertEquals(List.of("a", "b"), List.copyOf(joined.keySet()));
        assertThrows(ParseException.class, () -> StructuredFields.parseItem(List.of("1", "2")));
    }

    @Test
    void anInnerListWithParametersSerializesAsTheSignatureParamsLineNeeds() throws Exception {
        Map<String, Object> input = StructuredFields.parseDictionary(
                "install=(\"@method\"   \"@query-param\";name=\"a\");alg=\"ecdsa-p256-sha256\";created=1;flag=?1");
        InnerList list = (InnerList) input.get("install");
        assertEquals("(\"@method\" \"@query-param\";name=\"a\");alg=\"ecdsa-p256-sha256\";created=1;flag",
                StructuredFields.serializeInnerList(list));
    }

    @Test
    void errorsNeverQuoteTheInput() {
        ParseException e = assertThrows(ParseException.class,
                () -> StructuredFields.parseDictionary("secret-looking-value=\"unterminated"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void nonAsciiInputFails() {
        assertThrows(ParseException.class, () -> StructuredFields.parseItem("\"caf\u00e9\""));
        assertThrows(ParseException.class, () -> StructuredFields.parseItem("caf\u00e9"));
    }

    @Test
    void byteSequencesCompareByContentAndCopyTheirBytes() {
        byte[] bytes = {1, 2, 3};
        ByteSequence sequence = new ByteSequence(bytes);
        bytes[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, sequence.bytes());
        assertEquals(new ByteSequence(new byte[] {1, 2, 3}), sequence);
        assertEquals("ByteSequence[3 bytes]", sequence.toString());
    }

    // ------------------------------------------------------------------ the suite's JSON form

    static Object parse(String type, List<String> raw) throws ParseException {
        return switch (type) {
            case "item" -> StructuredFields.parseItem(raw);
            case "list" -> StructuredFields.parseList(raw);
            case "dictionary" -> StructuredFields.parseDictionary(raw);
            default -> throw new IllegalArgumentException(type);
        };
    }

    @SuppressWarnings("unchecked")
    static String serialize(String type, Object value) throws SerializeException {
        return switch (type) {
            case "item" -> StructuredFields.serializeItem((Item) value);
            case "list" -> StructuredFields.serializeList((List<Object>) value);
            case "dictionary" -> StructuredFields.serializeDictionary((Map<String, Object>) value);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The suite's {@code expected} JSON as this parser's values. */
    static Object expected(String type, Object json) {
        return switch (type) {
            case "item" -> item(castList(json));
            case "list" -> castList(json).stream().map(member -> member(castList(member))).toList();
            case "dictionary" -> {
                Map<String, Object> dictionary = new LinkedHashMap<>();
                for (Object pair : castList(json)) {
                    dictionary.put((String) castList(pair).get(0), member(castList(castList(pair).get(1))));
                }
                yield dictionary;
            }
            default -> throw new IllegalArgumentException(type);
        };
    }

    static Object member(List<Object> json) {
        if (json.get(0) instanceof List<?> items) {
            return new InnerList(items.stream().map(i -> item(castList(i))).toList(), parameters(json.get(1)));
        }
        return item(json);
    }

    static Item item(List<Object> json) {
        return new Item(bareItem(json.get(0)), parameters(json.get(1)));
    }

    static Map<String, Object> parameters(Object json) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Object pair : castList(json)) {
            parameters.put((String) castList(pair).get(0), bareItem(castList(pair).get(1)));
        }
        return parameters;
    }

    static Object bareItem(Object json) {
        if (json instanceof Map<?, ?> typed) {
            Object value = typed.get("value");
            return switch ((String) typed.get("__type")) {
                case "token" -> new Token((String) value);
                case "binary" -> new ByteSequence(base32((String) value));
                case "date" -> new StructuredFields.Date((Long) value);
                case "displaystring" -> new StructuredFields.DisplayString((String) value);
                default -> throw new IllegalArgumentException(typed.toString());
            };
        }
        return json;
    }

    /** Decimals compared by value (1.50 is 1.5), everything else as is. */
    static Object normalized(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Item item) {
            return List.of("item", normalized(item.value()), normalized(item.parameters()));
        }
        if (value instanceof InnerList list) {
            return List.of("inner", normalized(list.items()), normalized(list.parameters()));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StructuredFieldsTest::normalized).toList();
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(List.of(k, normalized(v))));
            return pairs;
        }
        return value;
    }

    /** RFC 4648 base32, as the suite encodes binary values. */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            if (c == '=') {
                break;
            }
            buffer = buffer << 5 | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write(buffer >> (bits - 8) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
